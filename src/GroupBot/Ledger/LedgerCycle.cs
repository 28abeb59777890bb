namespace GroupBot.Ledger;

/// <summary>
/// A group's member ledger for one cycle ("siklus"), with the rules it runs on ("aturan"). The share
/// value and the start are fixed for the cycle (every share bought in it is worth the same at the
/// share-out); the other rules may change and apply from then on. A new cycle opens when the
/// share-out of the last one is approved.
/// </summary>
public sealed class LedgerCycle
{
    public long Id { get; set; }
    public long GroupId { get; set; }

    /// <summary>1 for the group's first cycle with a ledger, then 2, 3, ….</summary>
    public int Number { get; set; }

    public DateOnly Start { get; set; }
    public int Months { get; set; }

    public long ShareValue { get; set; }
    public int MaxShares { get; set; }
    public long SocialFund { get; set; }
    public long FineLate { get; set; }
    public long FineAbsent { get; set; }

    /// <summary>Flat interest per month in hundredths of a percent: 200 is 2 % a month.</summary>
    public int InterestBasisPoints { get; set; }

    /// <summary>A member may borrow up to this many times her savings.</summary>
    public int LoanCapTimes { get; set; }

    /// <summary>Loans are given from the group's N-th meeting of the cycle.</summary>
    public int FirstLoanMeeting { get; set; }

    /// <summary>The social fund brought over from the cycle before (it is never shared out).</summary>
    public long SocialCarried { get; set; }

    public long ChangedByPersonId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }

    /// <summary>The last day of the cycle.</summary>
    public DateOnly End => Start.AddMonths(Months).AddDays(-1);

    /// <summary>The cycle after this one's share-out: the same rules from <paramref name="start"/>, with the social fund carried over.</summary>
    public LedgerCycle Next(DateOnly start, long socialCarried, long byPersonId, DateTime nowUtc) => new()
    {
        GroupId = GroupId,
        Number = Number + 1,
        Start = start,
        Months = Months,
        ShareValue = ShareValue,
        MaxShares = MaxShares,
        SocialFund = SocialFund,
        FineLate = FineLate,
        FineAbsent = FineAbsent,
        InterestBasisPoints = InterestBasisPoints,
        LoanCapTimes = LoanCapTimes,
        FirstLoanMeeting = FirstLoanMeeting,
        SocialCarried = socialCarried,
        ChangedByPersonId = byPersonId,
        CreatedUtc = nowUtc,
    };
}

/// <summary>
/// The treasurer's entry for one meeting: one line per member. Never overwritten: a correction
/// is a new version, and only the newest version of each meeting counts.
/// </summary>
public sealed class LedgerMeeting
{
    public long Id { get; set; }
    public long CycleId { get; set; }
    public long GroupId { get; set; }
    public long MeetingId { get; set; }
    public DateOnly Date { get; set; }
    public int Version { get; set; }
    public long EnteredByPersonId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<LedgerLine> Lines { get; } = [];
}

/// <summary>What one member paid at one meeting. Money is whole rupiah.</summary>
public sealed class LedgerLine
{
    public long Id { get; set; }
    public long LedgerMeetingId { get; set; }
    public long PersonId { get; set; }
    public bool Present { get; set; }
    public int Shares { get; set; }
    public long Social { get; set; }
    public long Fine { get; set; }
    public long Repaid { get; set; }

    /// <summary>The loan <see cref="Repaid"/> went to.</summary>
    public long? LoanId { get; set; }
}

public enum LoanStatus
{
    /// <summary>Waiting for a second officer: it changes no balance.</summary>
    Pending = 0,
    Active = 1,
    Repaid = 2,
    WrittenOff = 3,
    Rejected = 4,
}

/// <summary>A member's loan: flat interest on the principal each month, repaid in equal monthly installments.</summary>
public sealed class Loan
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public long CycleId { get; set; }
    public long PersonId { get; set; }
    public long Principal { get; set; }
    public int InterestBasisPoints { get; set; }
    public int TermMonths { get; set; }
    public LoanStatus Status { get; set; }

    /// <summary>The day the money was handed over (the day it was approved).</summary>
    public DateOnly? StartDate { get; set; }

    /// <summary>The meeting whose cash check counted the money leaving the box.</summary>
    public long? CountedMeetingId { get; set; }

    /// <summary>What was still owed when it was written off.</summary>
    public long WrittenOff { get; set; }

    /// <summary>Paid back from her share-out.</summary>
    public long SettledAtShareOut { get; set; }

    public long RequestedByPersonId { get; set; }
    public DateTime RequestedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }

    public long TotalDue => LedgerMath.TotalDue(Principal, InterestBasisPoints, TermMonths);
}

public enum ApprovalKind
{
    Loan = 0,
    WriteOff = 1,
    ShareOut = 2,
}

public enum ApprovalState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// The two-key rule: money leaving the box (a loan, a write-off, the share-out) waits for a second
/// officer, not the one who asked. Pending → Approved or Rejected, once.
/// </summary>
public sealed class Approval
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public ApprovalKind Kind { get; set; }
    public long SubjectId { get; set; }
    public ApprovalState State { get; private set; }
    public long RequestedByPersonId { get; set; }
    public DateTime RequestedUtc { get; set; }
    public long? DecidedByPersonId { get; private set; }
    public DateTime? DecidedUtc { get; private set; }

    /// <exception cref="InvalidOperationException">It was decided already, or the one deciding asked for it.</exception>
    public void Decide(bool approve, long personId, DateTime nowUtc)
    {
        if (State != ApprovalState.Pending)
        {
            throw new InvalidOperationException($"Approval {Id} cannot go from {State} to {(approve ? ApprovalState.Approved : ApprovalState.Rejected)}.");
        }

        if (personId == RequestedByPersonId && approve)
        {
            throw new InvalidOperationException($"Approval {Id}: the officer who asked cannot approve it.");
        }

        State = approve ? ApprovalState.Approved : ApprovalState.Rejected;
        DecidedByPersonId = personId;
        DecidedUtc = nowUtc;
    }
}

/// <summary>A cycle's share-out as computed when it was asked for; it is paid once approved.</summary>
public sealed class ShareOut
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public long CycleId { get; set; }
    public long Pool { get; set; }
    public long SocialFund { get; set; }
    public int TotalShares { get; set; }
    public long RequestedByPersonId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? PaidUtc { get; set; }
    public List<ShareOutLine> Lines { get; } = [];
}

public sealed class ShareOutLine
{
    public long Id { get; set; }
    public long ShareOutId { get; set; }
    public long PersonId { get; set; }
    public int Shares { get; set; }
    public long Gross { get; set; }
    public long LoanDeducted { get; set; }
    public long Payout { get; set; }
}

/// <summary>A member answered "salah" to a receipt: it stays in "perlu perhatian" until an officer resolves it.</summary>
public sealed class ReceiptFlag
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public long PersonId { get; set; }
    public long LedgerMeetingId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ResolvedUtc { get; set; }
    public long? ResolvedByPersonId { get; set; }
}
