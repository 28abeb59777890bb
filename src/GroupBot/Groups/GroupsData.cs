using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Groups;

/// <summary>Join codes.</summary>
public static class GroupsData
{
    extension(GroupBotDb db)
    {
        public DbSet<JoinCode> JoinCodes => db.Set<JoinCode>();
    }
}

internal sealed class JoinCodeConfiguration : IEntityTypeConfiguration<JoinCode>
{
    public void Configure(EntityTypeBuilder<JoinCode> e)
    {
        e.ToTable("JoinCodes");
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Code).HasMaxLength(12);
    }
}
