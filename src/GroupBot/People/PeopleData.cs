using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.People;

/// <summary>The directory's tables: villages, groups, memberships, facilitators, people and their chat accounts.</summary>
public static class PeopleData
{
    extension(GroupBotDb db)
    {
        public DbSet<Village> Villages => db.Set<Village>();
        public DbSet<Group> Groups => db.Set<Group>();
        public DbSet<Membership> Memberships => db.Set<Membership>();
        public DbSet<FacilitatorAssignment> FacilitatorAssignments => db.Set<FacilitatorAssignment>();
        public DbSet<Person> People => db.Set<Person>();
        public DbSet<ChatIdentity> ChatIdentities => db.Set<ChatIdentity>();
    }
}

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> e)
    {
        e.ToTable("Villages");
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Name).HasMaxLength(80).UseCollation("NOCASE");
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> e)
    {
        e.ToTable("Groups");
        e.Property(x => x.Name).HasMaxLength(80).UseCollation("NOCASE");
        e.HasIndex(x => new { x.VillageId, x.Name });
        e.HasIndex(x => x.TelegramChatId);
        e.Property(x => x.Venue).HasMaxLength(200);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> e)
    {
        e.ToTable("Memberships");
        e.HasIndex(x => new { x.PersonId, x.GroupId }).IsUnique();
        e.HasOne(x => x.Person).WithMany(p => p.Memberships).HasForeignKey(x => x.PersonId);
        e.HasOne(x => x.Group).WithMany(g => g.Memberships).HasForeignKey(x => x.GroupId);
    }
}

internal sealed class FacilitatorAssignmentConfiguration : IEntityTypeConfiguration<FacilitatorAssignment>
{
    public void Configure(EntityTypeBuilder<FacilitatorAssignment> e)
    {
        e.ToTable("FacilitatorAssignments");
        e.HasIndex(x => new { x.PersonId, x.VillageId }).IsUnique();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable("People");
        // People type names in any case: "SITI AMINAH" is Siti Aminah.
        e.Property(x => x.Name).HasMaxLength(80).UseCollation("NOCASE");
        e.Property(x => x.Language).HasMaxLength(2);
        e.HasIndex(x => x.Phone);
    }
}

internal sealed class ChatIdentityConfiguration : IEntityTypeConfiguration<ChatIdentity>
{
    public void Configure(EntityTypeBuilder<ChatIdentity> e)
    {
        e.ToTable("ChatIdentities");
        e.HasIndex(x => new { x.Channel, x.Address }).IsUnique();
        e.HasOne(x => x.Person).WithMany(p => p.Identities).HasForeignKey(x => x.PersonId);
    }
}
