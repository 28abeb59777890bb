using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Planning;

/// <summary>Village planning: the events of each village's calendar.</summary>
public static class PlanningData
{
    extension(GroupBotDb db)
    {
        public DbSet<PlanningEvent> PlanningEvents => db.Set<PlanningEvent>();
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
    }
}
