using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Minutes;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Savings;

/// <summary>"lapor riwayat": every version of the latest reports, who sent each and when.</summary>
public sealed class ReportHistoryCommand : ICommand
{
    private const int Meetings = 5;

    public CommandInfo Info { get; } = new("report.history", ["lapor riwayat", "report history", "laporan riwayat"], Audience.Officer, "Menu.ReportHistory");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "lapor riwayat", ct) is not { Group: var group })
        {
            return;
        }

        var db = turn.Db;
        var meetingIds = await db.Set<SavingsReport>().Where(r => r.GroupId == group.Id)
            .Select(r => new { r.MeetingId, r.Meeting!.Date }).Distinct()
            .OrderByDescending(m => m.Date).Take(Meetings).Select(m => m.MeetingId).ToListAsync(ct);
        if (meetingIds.Count == 0)
        {
            turn.Say(turn.T("Report.NoneYet", group.Name));
            return;
        }

        var versions = await db.Set<SavingsReport>().Where(r => meetingIds.Contains(r.MeetingId))
            .OrderByDescending(r => r.Meeting!.Date).ThenByDescending(r => r.Version)
            .Select(r => new { r.Meeting!.Date, r.Version, r.CashBalance, r.CashMismatch, r.CreatedUtc, By = db.Set<Person>().Where(p => p.Id == r.ReportedByPersonId).Select(p => p.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var sb = new StringBuilder(turn.T("Report.HistoryTitle", group.Name));
        foreach (var meeting in versions.GroupBy(v => v.Date))
        {
            sb.Append('\n').Append(Format.Date(turn.Language, meeting.Key)).Append(':');
            foreach (var v in meeting)
            {
                var at = turn.Clock.ToLocal(v.CreatedUtc);
                sb.Append('\n').Append(turn.T("Report.HistoryLine", v.Version, v.By ?? "-",
                    $"{at.Day}/{at.Month} {Format.Time(turn.Language, TimeOnly.FromDateTime(at))}", Rupiah.Format(v.CashBalance)));
                if (v.CashMismatch)
                {
                    sb.Append(' ').Append(turn.T("Report.MismatchFlag"));
                }
            }
        }

        turn.Say(sb.ToString());
    }
}

/// <summary>"laporan terakhir": any member sees the group's latest report and minutes (group totals only).</summary>
public sealed class LastReportCommand : ICommand
{
    public CommandInfo Info { get; } = new("report.last", ["laporan terakhir", "last report", "lapor terakhir"], Audience.Member, "Menu.LastReport");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var groups = turn.Caller.Memberships.Select(m => m.Group!).ToList();
        // Any member's own groups, not the ones she leads: GroupRefs.FindAsync does not fit.
        var group = GroupRefs.Resolve(turn, args, groups, "laporan terakhir", out _);
        if (group is null)
        {
            return;
        }

        var db = turn.Db;
        var report = await db.Set<SavingsReport>().Include(r => r.Meeting).Where(r => r.GroupId == group.Id)
            .OrderByDescending(r => r.Meeting!.Date).ThenByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        var minutes = await db.Set<MeetingMinutes>().Include(m => m.Meeting).Where(m => m.GroupId == group.Id)
            .OrderByDescending(m => m.Meeting!.Date).ThenByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (report is null && minutes is null)
        {
            turn.Say(turn.T("Report.NoneYet", group.Name));
            return;
        }

        var sb = new StringBuilder();
        if (report is not null)
        {
            sb.Append(turn.T("Report.SummaryTitle", group.Name, Format.Date(turn.Language, report.Meeting!.Date)));
            foreach (var field in ReportFields.For(group.Kind))
            {
                sb.Append('\n').Append(turn.T($"Field.{field}")).Append(": ").Append(Rupiah.Format(ReportFields.Get(report, field) ?? 0));
            }

            if (report.MembersSaved is { } saved)
            {
                sb.Append('\n').Append(turn.T("Field.MembersSaved")).Append(": ").Append(saved);
            }
        }

        if (minutes is not null)
        {
            if (sb.Length > 0)
            {
                sb.Append("\n\n");
            }

            sb.Append(turn.T("Minutes.LastTitle", Format.Date(turn.Language, minutes.Meeting!.Date)))
                .Append('\n').Append(turn.T("Minutes.Attendance", minutes.Present, minutes.Members))
                .Append('\n').Append(turn.T("Minutes.Topics")).Append(": ").Append(Shorten(minutes.Topics))
                .Append('\n').Append(turn.T("Minutes.Decisions")).Append(": ").Append(Shorten(minutes.Decisions));
        }

        turn.Say(sb.ToString());
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 297), "…");
}
