using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Business;

/// <summary>Business reports (every version) and each group's business-book setting.</summary>
public static class BusinessData
{
    extension(GroupBotDb db)
    {
        public DbSet<BusinessReport> BusinessReports => db.Set<BusinessReport>();
        public DbSet<BusinessBook> BusinessBooks => db.Set<BusinessBook>();
    }
}

internal sealed class BusinessReportConfiguration : IEntityTypeConfiguration<BusinessReport>
{
    public void Configure(EntityTypeBuilder<BusinessReport> e)
    {
        e.ToTable("BusinessReports");
        e.HasIndex(x => new { x.GroupId, x.PeriodKey, x.Version }).IsUnique();
        e.HasIndex(x => new { x.GroupId, x.PeriodStart });
        e.Property(x => x.PeriodKey).HasMaxLength(32);
        e.Ignore(x => x.Costs);
        e.Ignore(x => x.Profit);
    }
}

internal sealed class BusinessBookConfiguration : IEntityTypeConfiguration<BusinessBook>
{
    public void Configure(EntityTypeBuilder<BusinessBook> e)
    {
        e.ToTable("BusinessBooks");
        e.HasKey(x => x.GroupId);
        e.Property(x => x.GroupId).ValueGeneratedNever();
    }
}
