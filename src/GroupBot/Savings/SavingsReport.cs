namespace GroupBot.Savings;

/// <summary>
/// What a group's meeting produced, as its leader or treasurer reports it. Never overwritten: a
/// correction is a new version (Version 2, 3, …) and summaries use the newest.
/// Money is whole rupiah. Which fields are filled depends on the group's kind (see <see cref="ReportFields"/>).
/// </summary>
public sealed class SavingsReport
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public Attendance.Meeting? Meeting { get; set; }
    public long GroupId { get; set; }
    public int Version { get; set; }

    public long? Savings { get; set; }
    public long? LoansDisbursed { get; set; }
    public long? Repayments { get; set; }
    public long? FinesAndSocial { get; set; }
    public long? LoansOutstanding { get; set; }
    public long? Sales { get; set; }
    public long? Costs { get; set; }
    public long? Contributions { get; set; }
    public long? Spending { get; set; }
    public long CashBalance { get; set; }
    public int? MembersSaved { get; set; }

    /// <summary>Previous balance + money in − money out; null for a group's first report.</summary>
    public long? ExpectedCash { get; set; }

    /// <summary>The typed balance differed from <see cref="ExpectedCash"/> and the reporter confirmed it.</summary>
    public bool CashMismatch { get; set; }

    public long ReportedByPersonId { get; set; }
    public DateTime CreatedUtc { get; set; }
}
