using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Ledger;

/// <summary>The member ledger: cycles and their rules, meeting entries, loans, approvals, share-outs, receipt flags.</summary>
public static class LedgerData
{
    extension(GroupBotDb db)
    {
        public DbSet<LedgerCycle> LedgerCycles => db.Set<LedgerCycle>();
        public DbSet<LedgerMeeting> LedgerMeetings => db.Set<LedgerMeeting>();
        public DbSet<LedgerLine> LedgerLines => db.Set<LedgerLine>();
        public DbSet<Loan> Loans => db.Set<Loan>();
        public DbSet<Approval> Approvals => db.Set<Approval>();
        public DbSet<ShareOut> ShareOuts => db.Set<ShareOut>();
        public DbSet<ReceiptFlag> ReceiptFlags => db.Set<ReceiptFlag>();
    }
}

internal sealed class LedgerCycleConfiguration : IEntityTypeConfiguration<LedgerCycle>
{
    public void Configure(EntityTypeBuilder<LedgerCycle> e)
    {
        e.ToTable("LedgerCycles");
        e.HasIndex(x => new { x.GroupId, x.Number }).IsUnique();
        e.Ignore(x => x.End);
    }
}

internal sealed class LedgerMeetingConfiguration : IEntityTypeConfiguration<LedgerMeeting>
{
    public void Configure(EntityTypeBuilder<LedgerMeeting> e)
    {
        e.ToTable("LedgerMeetings");
        e.HasIndex(x => new { x.MeetingId, x.Version }).IsUnique();
        e.HasIndex(x => x.CycleId);
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.LedgerMeetingId);
    }
}

internal sealed class LedgerLineConfiguration : IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerLine> e)
    {
        e.ToTable("LedgerLines");
        e.HasIndex(x => new { x.LedgerMeetingId, x.PersonId }).IsUnique();
        e.HasIndex(x => x.LoanId);
    }
}

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> e)
    {
        e.ToTable("Loans");
        e.HasIndex(x => new { x.GroupId, x.Status });
        e.HasIndex(x => x.PersonId);
        e.Ignore(x => x.TotalDue);
    }
}

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> e)
    {
        e.ToTable("Approvals");
        // One open request per subject: pressing "ajukan" twice, or two officers at once, asks once.
        e.HasIndex(x => new { x.Kind, x.SubjectId }).IsUnique().HasFilter("\"State\" = 0");
        e.HasIndex(x => new { x.GroupId, x.State });
    }
}

internal sealed class ShareOutConfiguration : IEntityTypeConfiguration<ShareOut>
{
    public void Configure(EntityTypeBuilder<ShareOut> e)
    {
        e.ToTable("ShareOuts");
        e.HasIndex(x => x.CycleId);
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.ShareOutId);
    }
}

internal sealed class ShareOutLineConfiguration : IEntityTypeConfiguration<ShareOutLine>
{
    public void Configure(EntityTypeBuilder<ShareOutLine> e)
    {
        e.ToTable("ShareOutLines");
        e.HasIndex(x => new { x.ShareOutId, x.PersonId }).IsUnique();
    }
}

internal sealed class ReceiptFlagConfiguration : IEntityTypeConfiguration<ReceiptFlag>
{
    public void Configure(EntityTypeBuilder<ReceiptFlag> e)
    {
        e.ToTable("ReceiptFlags");
        e.HasIndex(x => new { x.LedgerMeetingId, x.PersonId }).IsUnique();
        e.HasIndex(x => new { x.GroupId, x.ResolvedUtc });
    }
}
