using System.ComponentModel.DataAnnotations;

namespace GroupBot.Reminders;

/// <summary>The "Reminders" settings section: when reminders go out, in local time (GroupBot:TimeZone).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Meeting reminder the day before, at this local time.</summary>
    public TimeOnly EveningBefore { get; set; } = new(18, 0);

    /// <summary>Meeting reminder on the day, this long before the start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan SameDayLead { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The morning after a meeting, leaders are nudged for missing minutes or report at this time.</summary>
    public TimeOnly FollowUpAt { get; set; } = new(9, 0);

    /// <summary>The second nudge comes this many days after the meeting.</summary>
    [Range(2, 14)]
    public int SecondNudgeAfterDays { get; set; } = 3;

    /// <summary>Training reminders: this long before (at the start time), the day before at <see cref="EveningBefore"/>, and <see cref="TrainingLead"/> before.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00")]
    public TimeSpan TrainingWeekBefore { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan TrainingLead { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Facilitators' weekly summary, Mondays at this local time.</summary>
    public TimeOnly MondaySummaryAt { get; set; } = new(7, 0);
}
