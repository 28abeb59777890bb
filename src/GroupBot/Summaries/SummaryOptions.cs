using System.ComponentModel.DataAnnotations;

namespace GroupBot.Summaries;

/// <summary>The "Summaries" settings section.</summary>
public sealed class SummaryOptions
{
    public const string Section = "Summaries";

    /// <summary>A group under this attendance (percent of members present) is listed under "Perlu perhatian".</summary>
    [Range(0, 100)]
    public int LowAttendancePercent { get; set; } = 50;

    /// <summary>Days after a meeting before a missing savings report is flagged.</summary>
    [Range(0, 14)]
    public int ReportDueDays { get; set; } = 2;
}
