using System.Text;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Attendance;

/// <summary>"absen": an officer marks every member, phone or not, one button press each.</summary>
public sealed class RollCallCommand(RollCallFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("rollcall", ["absen", "rollcall", "roll call"], Audience.Officer, "Menu.RollCall");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "absen", flow, async (group, c) =>
        {
            var members = await turn.Db.Memberships.Where(m => m.GroupId == group.Id)
                .OrderBy(m => m.Person!.Name).ThenBy(m => m.PersonId)
                .Select(m => new RollCallFlow.Member(m.PersonId, m.Person!.Name))
                .ToListAsync(c);
            if (members.Count == 0)
            {
                turn.Say(turn.T("RollCall.NoMembers", group.Name));
                return null;
            }

            return new RollCallFlow.Draft { GroupId = group.Id, GroupName = group.Name, Members = members };
        }, ct);
}

public sealed class RollCallFlow(MeetingSchedule schedule) : Flow<RollCallFlow.Draft>
{
    public sealed record Member(long PersonId, string Name);

    public sealed class Draft
    {
        public long GroupId { get; set; }
        public string GroupName { get; set; } = string.Empty;
        public List<Member> Members { get; set; } = [];
        public int Index { get; set; }
        public Dictionary<long, AttendanceStatus> Marks { get; set; } = [];
    }

    public override string Name => "rollcall";
    public override string FirstStep => "mark";
    public override string HelpKey => "Help.RollCall";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["mark"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                var member = d.Members[d.Index];
                // Each button names its member, so a button from an earlier question cannot mark the next one.
                turn.Say(turn.T("RollCall.Ask", d.Index + 1, d.Members.Count, member.Name), MarkChoices(turn, member));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var member = d.Members[d.Index];
                var value = a.Value;
                if (a.ChoiceId is { } id && id.StartsWith("mark:", StringComparison.Ordinal))
                {
                    var parts = id.Split(':');
                    if (parts.Length != 3 || parts[1] != member.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        return Task.FromResult(Next.Retry(turn.T("RollCall.OldButton", member.Name), MarkChoices(turn, member)));
                    }

                    value = $"mark:{parts[2]}";
                }

                var status = ParseMark(value);
                if (status is null)
                {
                    return Task.FromResult(Next.Retry(turn.T("RollCall.Retry"), MarkChoices(turn, member)));
                }

                d.Marks[member.PersonId] = status.Value;
                d.Index++;
                return Task.FromResult(Next.GoTo(d.Index < d.Members.Count ? "mark" : "confirm"));
            },
        },
        ["confirm"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(Summary(turn, d), [new Choice("confirm:save", turn.T("Button.Save")), new Choice("batal", turn.T("Button.Cancel"))]);
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value is not ("confirm:save" or "simpan" or "save" or "ya" or "yes"))
                {
                    return Next.Retry(turn.T("RollCall.ConfirmRetry"));
                }

                await SaveAsync(turn, d, ct);
                return Next.Done;
            },
        },
    };

    private static Choice[] MarkChoices(Turn turn, Member member) =>
        [.. Enum.GetValues<AttendanceStatus>().Select(s => new Choice($"mark:{member.PersonId}:{s}", turn.T($"Status.{s}")))];

    private static AttendanceStatus? ParseMark(string value) => value switch
    {
        "mark:Present" or "hadir" or "h" or "present" or "p" or "ada" => AttendanceStatus.Present,
        "mark:Excused" or "izin" or "i" or "excused" or "e" => AttendanceStatus.Excused,
        "mark:Sick" or "sakit" or "s" or "sick" => AttendanceStatus.Sick,
        "mark:Absent" or "tidak hadir" or "tidak" or "alpa" or "a" or "absent" or "no" or "t" => AttendanceStatus.Absent,
        _ => null,
    };

    private static string Summary(Turn turn, Draft d)
    {
        var sb = new StringBuilder(turn.T("RollCall.Summary", d.GroupName));
        foreach (var status in Enum.GetValues<AttendanceStatus>())
        {
            var names = d.Members.Where(m => d.Marks.GetValueOrDefault(m.PersonId, AttendanceStatus.Absent) == status).Select(m => m.Name).ToList();
            sb.Append('\n').Append(turn.T($"Status.{status}")).Append(": ").Append(names.Count);
            if (names.Count > 0)
            {
                sb.Append(" (").Append(string.Join(", ", names)).Append(')');
            }
        }

        return sb.ToString();
    }

    private async Task SaveAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        var now = turn.Clock.UtcNow;
        var group = await db.Groups.SingleAsync(g => g.Id == d.GroupId, ct);
        var meeting = await schedule.OpenAsync(db, group, ct) is { } open
            ? MeetingSchedule.Materialize(db, open, now)
            : await StartMeetingCommand.OpenTodayAsync(turn, group, ct);
        meeting.Hold();
        var existing = meeting.Id == 0 ? [] : await db.Attendance.Where(a => a.MeetingId == meeting.Id).ToListAsync(ct);
        var changes = 0;
        foreach (var member in d.Members)
        {
            var status = d.Marks.GetValueOrDefault(member.PersonId, AttendanceStatus.Absent);
            var record = existing.FirstOrDefault(a => a.PersonId == member.PersonId);
            if (record is null)
            {
                meeting.Attendance.Add(AttendanceRecord.RollCalled(member.PersonId, status, turn.Caller.Person!.Id, now));
                changes++;
            }
            else if (record.MarkInRollCall(status, turn.Caller.Person!.Id, now))
            {
                changes++;
            }
        }

        await db.SaveChangesAsync(ct);
        turn.Audit("rollcall", "meeting", meeting.Id, $"{d.Members.Count} members, {changes} changed");
        turn.Say(turn.T("RollCall.Saved", await SelfReportCommand.CountLineAsync(turn, meeting, group, ct)));
    }
}
