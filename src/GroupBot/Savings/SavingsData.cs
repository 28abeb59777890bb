using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Savings;

/// <summary>Savings reports, every version.</summary>
public static class SavingsData
{
    extension(GroupBotDb db)
    {
        public DbSet<SavingsReport> SavingsReports => db.Set<SavingsReport>();
    }
}

internal sealed class SavingsReportConfiguration : IEntityTypeConfiguration<SavingsReport>
{
    public void Configure(EntityTypeBuilder<SavingsReport> e)
    {
        e.ToTable("SavingsReports");
        e.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
        e.HasIndex(x => x.GroupId);
    }
}
