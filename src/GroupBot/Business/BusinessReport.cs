namespace GroupBot.Business;

/// <summary>How often a group fills its business book: at each meeting, or once a month.</summary>
public enum BookPeriod
{
    Meeting = 0,
    Month = 1,
}

/// <summary>
/// What a group's business did in one period (a meeting, or a month), as its leader or treasurer
/// records it. Never overwritten: a correction is a new version and every figure uses the newest.
/// Money is whole rupiah. Piutang and utang are what is owed at the end of the period.
/// </summary>
public sealed class BusinessReport
{
    public long Id { get; set; }
    public long GroupId { get; set; }

    /// <summary>"meeting:{id}" or "month:2026-11": one period, several versions.</summary>
    public string PeriodKey { get; set; } = string.Empty;
    public int Version { get; set; }
    public long? MeetingId { get; set; }

    /// <summary>The meeting's date, or the first day of the month.</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>The meeting's date, or the last day of the month.</summary>
    public DateOnly PeriodEnd { get; set; }

    public long Sales { get; set; }
    public long Materials { get; set; }
    public long Wages { get; set; }
    public long Transport { get; set; }
    public long OtherCosts { get; set; }
    public int? UnitsMade { get; set; }
    public int? UnitsSold { get; set; }

    /// <summary>Capital the members put in during the period.</summary>
    public long CapitalAdded { get; set; }

    /// <summary>Piutang: owed to the group (buyers who have not paid yet).</summary>
    public long Receivable { get; set; }

    /// <summary>Utang: owed by the group (suppliers not paid yet).</summary>
    public long Payable { get; set; }

    public long ReportedByPersonId { get; set; }
    public DateTime CreatedUtc { get; set; }

    public long Costs => Materials + Wages + Transport + OtherCosts;

    /// <summary>Laba (positive) or rugi (negative): penjualan − biaya.</summary>
    public long Profit => Sales - Costs;

    public static string MeetingKey(long meetingId) => $"meeting:{meetingId}";

    public static string MonthKey(DateOnly month) => $"month:{month:yyyy-MM}";

    /// <summary>The same figures (what a correction that changed nothing would save).</summary>
    public bool SameFiguresAs(BusinessReport other) =>
        Sales == other.Sales && Materials == other.Materials && Wages == other.Wages && Transport == other.Transport && OtherCosts == other.OtherCosts
        && UnitsMade == other.UnitsMade && UnitsSold == other.UnitsSold && CapitalAdded == other.CapitalAdded && Receivable == other.Receivable && Payable == other.Payable;
}

/// <summary>
/// A group's business-book setting. Business groups keep one by default; any other group that
/// runs a business on the side turns it on ("usaha atur ya"). No row means the defaults.
/// </summary>
public sealed class BusinessBook
{
    public long GroupId { get; set; }
    public bool Keeps { get; set; }
    public BookPeriod Period { get; set; }

    /// <summary>When the book was first set, or last turned on or off.</summary>
    public DateTime ChangedUtc { get; set; }
}
