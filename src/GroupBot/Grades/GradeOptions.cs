using System.ComponentModel.DataAnnotations;

namespace GroupBot.Grades;

/// <summary>
/// "Grades": what makes a strong group, as the NGO sets it. A group is graded on the criteria that
/// apply to it (savings for savings groups, business for groups that keep a business book); its
/// grade is the share it meets: A from <see cref="A"/> %, B from <see cref="B"/> %, C from <see cref="C"/> %, else D.
/// </summary>
public sealed class GradeOptions : IValidatableObject
{
    public const string Section = "Grades";

    /// <summary>How many weeks back meetings, attendance, records and savings are looked at.</summary>
    [Range(2, 26)]
    public int Weeks { get; set; } = 8;

    /// <summary>Meetings held, as a share of the meeting days in the window (a cancelled meeting is excused).</summary>
    [Range(0, 100)]
    public int MeetingsHeldPercent { get; set; } = 75;

    /// <summary>Average attendance at the meetings held.</summary>
    [Range(0, 100)]
    public int AttendancePercent { get; set; } = 75;

    /// <summary>Meetings held that have both a savings report and minutes.</summary>
    [Range(0, 100)]
    public int RecordsPercent { get; set; } = 75;

    /// <summary>Business groups: months looked at for a profit (this month and the ones before it).</summary>
    [Range(1, 12)]
    public int BusinessMonths { get; set; } = 3;

    /// <summary>Groups with a member ledger and loans running: at most this share of what is owed may be on loans behind on a repayment (portfolio at risk).</summary>
    [Range(0, 100)]
    public int LoansAtRiskPercent { get; set; } = 10;

    [Range(1, 100)]
    public int A { get; set; } = 85;

    [Range(1, 100)]
    public int B { get; set; } = 65;

    [Range(1, 100)]
    public int C { get; set; } = 40;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(A > B && B > C))
        {
            yield return new ValidationResult("Grades:A must be above Grades:B, and Grades:B above Grades:C.", [nameof(A), nameof(B), nameof(C)]);
        }
    }
}
