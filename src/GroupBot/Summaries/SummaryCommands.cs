using GroupBot.Business;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.Ledger;
using GroupBot.People;
using GroupBot.Planning;
using Microsoft.Extensions.Options;

namespace GroupBot.Summaries;

/// <summary>
/// "ringkasan [lalu | 2026-W47 | a date] [village | group]" and "ringkasan grafik": the week at a glance.
/// Admins see every group, facilitators their villages, officers their own group.
/// </summary>
public sealed class SummaryCommand(SummaryBuilder builder, Texts texts, IOptions<SummaryOptions> options) : ICommand
{
    public CommandInfo Info { get; } = new("summary", ["ringkasan", "summary"], Audience.Officer, "Menu.Summary");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var scope = await GroupRefs.LeadableAsync(turn, ct);
        var words = Words.Fold(args);
        var chart = false;
        if (words.StartsWith("grafik", StringComparison.Ordinal) || words.StartsWith("chart", StringComparison.Ordinal))
        {
            chart = true;
            words = words[(words.IndexOf(' ', StringComparison.Ordinal) is var i and >= 0 ? i + 1 : words.Length)..];
        }

        var (monday, groups) = Resolve(turn, words, scope, chart);
        if (monday is null)
        {
            return;
        }

        var ids = groups.Select(g => g.Id).ToList();
        var summary = await builder.BuildAsync(turn.Db, ids, monday.Value, ct);
        if (chart)
        {
            var png = await SummaryChart.RenderAsync(turn.Db, texts, turn.Language, summary, ids, ct);
            turn.Say(new OutgoingMessage { Text = turn.T("Chart.Caption", Weeks.Label(monday.Value)), Photo = new OutgoingFile($"ringkasan-{Weeks.Label(monday.Value)}.png", "image/png", png) });
            return;
        }

        foreach (var message in SummaryText.Render(texts, turn.Language, summary, options.Value.LowAttendancePercent))
        {
            turn.Say(message);
        }
    }

    /// <summary>The week and the groups: "#id" or a village or group name narrows the scope; an ambiguous name asks.</summary>
    private static (DateOnly? Monday, List<Group> Groups) Resolve(Turn turn, string words, List<Group> scope, bool chart)
    {
        var today = turn.Clock.Today;
        if (Weeks.Parse(words, today) is { } whole)
        {
            return (whole, scope);
        }

        // "[week] <name>", "<name> [week]" or "#id": a week word counts only if what is left names something.
        var parts = words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var week = Weeks.MondayOf(today);
        bool Names(IEnumerable<string> rest)
        {
            var n = string.Join(' ', rest);
            return n.StartsWith('#') || scope.Any(g => string.Equals(g.Name, n, StringComparison.OrdinalIgnoreCase) || string.Equals(g.Village?.Name, n, StringComparison.OrdinalIgnoreCase));
        }

        if (!Names(parts) && parts.Count > 1)
        {
            if (Weeks.Parse(parts[0], today) is { } lead && Names(parts.Skip(1)))
            {
                week = lead;
                parts.RemoveAt(0);
            }
            else if (Weeks.Parse(parts[^1], today) is { } tail && Names(parts.Take(parts.Count - 1)))
            {
                week = tail;
                parts.RemoveAt(parts.Count - 1);
            }
        }

        var name = string.Join(' ', parts);
        if (name.StartsWith('#') && long.TryParse(name[1..], out var id))
        {
            var picked = scope.Where(g => g.Id == id).ToList();
            if (picked.Count == 0)
            {
                turn.Say(turn.T("Group.NotYours"));
                return (null, []);
            }

            return (week, picked);
        }

        var village = scope.Where(g => string.Equals(g.Village?.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (village.Count > 0)
        {
            return (week, village);
        }

        var named = scope.Where(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        switch (named.Count)
        {
            case 1:
                return (week, named);
            case > 1:
                var suffix = week == Weeks.MondayOf(today) ? string.Empty : " " + Weeks.Label(week);
                turn.Say(turn.T("Group.Pick"), [.. named.Select(g => new Choice($"ringkasan {(chart ? "grafik " : string.Empty)}#{g.Id}{suffix}", GroupRefs.Label(g)))]);
                return (null, []);
            default:
                turn.Say(turn.T("Summary.Example"));
                return (null, []);
        }
    }
}

/// <summary>"ekspor [range]": one row per group meeting, one per period of a business book, and one per change of a proposal, as CSV and XLSX documents. Default range: this quarter.</summary>
public sealed class ExportCommand(LocalClock clock) : ICommand
{
    public CommandInfo Info { get; } = new("export", ["ekspor", "export"], Audience.Facilitator, "Menu.Export");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var (from, to) = Export.Quarter(turn.Clock.Today);
        if (args.Length > 0)
        {
            var parts = args.Split([" - ", " sampai ", " s/d ", " to "], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !DateParser.TryParse(parts[0], turn.Clock.Today, DateLean.Past, out from)
                || !DateParser.TryParse(parts[1], turn.Clock.Today, DateLean.Past, out to)
                || (to < from && !DateParser.TryParse(parts[1], turn.Clock.Today, DateLean.Future, out to)) || to < from)
            {
                turn.Say(turn.T("Export.Example"));
                return;
            }
        }

        var ids = (await GroupRefs.OverseenAsync(turn, ct)).Select(g => g.Id).ToList();
        var rows = await Export.RowsAsync(turn.Db, ids, from, to, ct);
        var sheets = Export.Sheets(await BusinessExport.RowsAsync(turn.Db, ids, from, to, ct), await LedgerExport.MembersAsync(turn.Db, ids, turn.Clock.Today, ct),
            await LedgerExport.ShareOutsAsync(turn.Db, clock, ids, from, to, ct), await ProposalExport.RowsAsync(turn.Db, clock, ids, from, to, ct));
        var name = $"groupbot-{from:yyyyMMdd}-{to:yyyyMMdd}";
        var range = $"{Format.Date(turn.Language, from)} – {Format.Date(turn.Language, to)}";
        turn.Say(new OutgoingMessage { Text = turn.T("Export.Caption", rows.Count, range), Document = new OutgoingFile($"{name}.csv", "text/csv", Export.Csv(rows)) });
        foreach (var sheet in sheets.Where(s => s.Rows.Count > 0))
        {
            turn.Say(new OutgoingMessage { Text = turn.T(sheet.CaptionKey, sheet.Rows.Count), Document = new OutgoingFile($"{sheet.File}-{from:yyyyMMdd}-{to:yyyyMMdd}.csv", "text/csv", Export.Csv(sheet)) });
        }

        turn.Say(new OutgoingMessage { Text = turn.T("Export.CaptionXlsx"), Document = new OutgoingFile($"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", await Export.XlsxAsync(rows, sheets, ct)) });
    }
}
