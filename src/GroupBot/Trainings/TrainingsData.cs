using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Trainings;

/// <summary>Trainings and their invitations.</summary>
public static class TrainingsData
{
    extension(GroupBotDb db)
    {
        public DbSet<Training> Trainings => db.Set<Training>();
        public DbSet<Invitation> Invitations => db.Set<Invitation>();
    }
}

internal sealed class TrainingConfiguration : IEntityTypeConfiguration<Training>
{
    public void Configure(EntityTypeBuilder<Training> e)
    {
        e.ToTable("Trainings");
        e.Property(x => x.Title).HasMaxLength(120);
        e.Property(x => x.Venue).HasMaxLength(200);
        e.HasIndex(x => x.StartDate);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.ToTable("Invitations");
        e.HasIndex(x => new { x.TrainingId, x.PersonId }).IsUnique();
        e.HasIndex(x => x.PersonId);
    }
}
