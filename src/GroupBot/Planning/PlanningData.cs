using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Planning;

/// <summary>Village planning: each village's calendar, the groups' proposals and what became of them.</summary>
public static class PlanningData
{
    extension(GroupBotDb db)
    {
        public DbSet<PlanningEvent> PlanningEvents => db.Set<PlanningEvent>();
        public DbSet<EventDelegate> EventDelegates => db.Set<EventDelegate>();
        public DbSet<Proposal> Proposals => db.Set<Proposal>();
        public DbSet<ProposalGroup> ProposalGroups => db.Set<ProposalGroup>();
        public DbSet<ProposalChange> ProposalChanges => db.Set<ProposalChange>();
    }
}

internal sealed class PlanningEventConfiguration : IEntityTypeConfiguration<PlanningEvent>
{
    public void Configure(EntityTypeBuilder<PlanningEvent> e)
    {
        e.ToTable("PlanningEvents");
        e.Property(x => x.Title).HasMaxLength(PlanningEvent.MaxTitleLength);
        e.Property(x => x.Venue).HasMaxLength(PlanningEvent.MaxVenueLength);
        e.HasIndex(x => new { x.VillageId, x.Date });
        e.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId);
        e.HasMany(x => x.Delegates).WithOne().HasForeignKey(d => d.EventId);
    }
}

internal sealed class EventDelegateConfiguration : IEntityTypeConfiguration<EventDelegate>
{
    public void Configure(EntityTypeBuilder<EventDelegate> e)
    {
        e.ToTable("EventDelegates");
        e.HasKey(x => new { x.EventId, x.GroupId, x.PersonId });
        e.HasIndex(x => x.PersonId);
        e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> e)
    {
        e.ToTable("Proposals");
        e.Property(x => x.Title).HasMaxLength(Proposal.MaxTitleLength);
        e.Property(x => x.Location).HasMaxLength(Proposal.MaxLocationLength);
        e.Property(x => x.Beneficiaries).HasMaxLength(Proposal.MaxBeneficiariesLength);
        e.Property(x => x.Reason).HasMaxLength(Proposal.MaxReasonLength);
        e.HasIndex(x => new { x.VillageId, x.Year });
        e.HasOne(x => x.Village).WithMany().HasForeignKey(x => x.VillageId);
        e.HasMany(x => x.Groups).WithOne().HasForeignKey(g => g.ProposalId);
        e.HasMany(x => x.Changes).WithOne().HasForeignKey(c => c.ProposalId);
    }
}

internal sealed class ProposalGroupConfiguration : IEntityTypeConfiguration<ProposalGroup>
{
    public void Configure(EntityTypeBuilder<ProposalGroup> e)
    {
        e.ToTable("ProposalGroups");
        e.HasKey(x => new { x.ProposalId, x.GroupId });
        e.HasIndex(x => x.GroupId);
        e.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId);
    }
}

internal sealed class ProposalChangeConfiguration : IEntityTypeConfiguration<ProposalChange>
{
    public void Configure(EntityTypeBuilder<ProposalChange> e)
    {
        e.ToTable("ProposalChanges");
        e.Property(x => x.Reason).HasMaxLength(Proposal.MaxReasonLength);
        e.HasIndex(x => x.ProposalId);
    }
}
