using System.Globalization;
using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Planning;

/// <summary>
/// "musrenbang [tahun] [nagari]": the village planning calendar. Members see their village's year;
/// facilitators and admins the next events of their villages, or one village's year when they name it.
/// </summary>
public sealed class PlanningCalendarCommand : ICommand
{
    /// <summary>Events listed at once for several villages; a village's whole year is asked for by name.</summary>
    public const int MaxUpcoming = 8;

    public CommandInfo Info { get; } = new("planning", ["musrenbang", "planning", "rapat desa", "village planning"], Audience.Joined, "Menu.Planning");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var (year, name) = Calendar.YearAndVillage(args, turn.Clock.Today.Year);
        var villages = await Calendar.VillagesAsync(turn, ct);
        if (name.Length > 0)
        {
            var named = villages.Where(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 0)
            {
                turn.Say(turn.T("Planning.VillageUnknown", string.Join(", ", villages.Select(v => v.Name))));
                return;
            }

            villages = named;
        }

        var ids = villages.Select(v => v.Id).ToList();
        var events = await turn.Db.PlanningEvents.Where(e => ids.Contains(e.VillageId)).OrderBy(e => e.Date).ThenBy(e => e.StartTime).ToListAsync(ct);
        var oversees = villages.Any(v => turn.Caller.Oversees(v.Id));
        IReadOnlyList<Choice> choices = oversees
            ? [new Choice("musrenbang tambah", turn.T("Button.AddEvent")), new Choice("musrenbang ubah", turn.T("Button.ChangeEvent"))]
            : [];

        // Several villages at once: only what comes next, so the answer stays short on a small screen.
        if (villages.Count > 1 && name.Length == 0 && !ArgsHaveYear(args))
        {
            var upcoming = events.Where(e => !e.IsCancelled && e.Date >= turn.Clock.Today).Take(MaxUpcoming).ToList();
            if (upcoming.Count == 0)
            {
                turn.Say(turn.T(oversees ? "Planning.NoneUpcomingOverseer" : "Planning.NoneUpcoming"), choices);
                return;
            }

            var sb = new StringBuilder(turn.T("Planning.Upcoming"));
            foreach (var e in upcoming)
            {
                sb.Append('\n').Append(Calendar.Line(turn, e, villages.First(v => v.Id == e.VillageId).Name));
            }

            sb.Append('\n').Append(turn.T("Planning.OneVillageHint", villages[0].Name));
            turn.Say(sb.ToString(), choices);
            return;
        }

        var ofYear = events.Where(e => e.Date.Year == year).ToList();
        if (ofYear.Count == 0)
        {
            turn.Say(turn.T(oversees ? "Planning.NoneOverseer" : "Planning.None", string.Join(", ", villages.Select(v => v.Name)), year), choices);
            return;
        }

        var text = new StringBuilder(turn.T("Planning.Title", year));
        foreach (var village in villages.Where(v => ofYear.Any(e => e.VillageId == v.Id)))
        {
            text.Append('\n').Append(village.Name).Append(':');
            foreach (var e in ofYear.Where(e => e.VillageId == village.Id))
            {
                text.Append('\n').Append(Calendar.Line(turn, e, village: null));
            }
        }

        turn.Say(text.ToString(), choices);
    }

    private static bool ArgsHaveYear(string args) => Words.SplitCommand(args).Word is { Length: 4 } first && first.All(char.IsAsciiDigit);
}

/// <summary>"musrenbang tambah": a facilitator adds an event to one of her villages' calendars.</summary>
public sealed class AddPlanningEventCommand(PlanningEventFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("planning.add", ["musrenbang tambah", "planning add", "rapat desa tambah"], Audience.Facilitator, "Menu.PlanningAdd");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        Calendar.StartForVillageAsync(turn, named: null, flow, id => new PlanningEventFlow.Draft { VillageId = id }, "kind", ct);
}

/// <summary>"musrenbang ubah": move an event, change its place, or cancel it.</summary>
public sealed class ChangePlanningEventCommand(ChangePlanningEventFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("planning.change", ["musrenbang ubah", "planning change", "rapat desa ubah"], Audience.Facilitator, "Menu.PlanningChange");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await Calendar.ChangeableAsync(turn, ct) is { Count: 0 })
        {
            turn.Say(turn.T("Planning.NoEvents"), [new Choice("musrenbang tambah", turn.T("Button.AddEvent"))]);
            return;
        }

        turn.Start(flow, new ChangePlanningEventFlow.Draft());
    }
}

/// <summary>What the calendar commands share: whose villages, and how an event reads.</summary>
public static class Calendar
{
    public sealed record VillageRef(long Id, string Name);

    /// <summary>The villages whose calendar the caller sees: all (admin), hers (facilitator), her groups' (member).</summary>
    public static async Task<List<VillageRef>> VillagesAsync(Turn turn, CancellationToken ct)
    {
        var caller = turn.Caller;
        var mine = caller.FacilitatorVillageIds.Concat(caller.Memberships.Select(m => m.Group!.VillageId)).Distinct().ToList();
        return await turn.Db.Villages.Where(v => caller.IsAdmin || mine.Contains(v.Id)).OrderBy(v => v.Name)
            .Select(v => new VillageRef(v.Id, v.Name)).ToListAsync(ct);
    }

    /// <summary>The villages whose calendar the caller may change.</summary>
    public static async Task<List<VillageRef>> OverseenAsync(Turn turn, CancellationToken ct) =>
        [.. (await VillagesAsync(turn, ct)).Where(v => turn.Caller.Oversees(v.Id))];

    /// <summary>Events she may change: not cancelled, from a week ago on (a date typed wrong just after the event can still be fixed).</summary>
    public static async Task<List<PlanningEvent>> ChangeableAsync(Turn turn, CancellationToken ct)
    {
        var ids = (await OverseenAsync(turn, ct)).Select(v => v.Id).ToList();
        var from = turn.Clock.Today.AddDays(-7);
        return await turn.Db.PlanningEvents.Include(e => e.Village)
            .Where(e => ids.Contains(e.VillageId) && e.CancelledUtc == null && e.Date >= from)
            .OrderBy(e => e.Date).ThenBy(e => e.StartTime).Take(GroupRefs.MaxPickChoices).ToListAsync(ct);
    }

    public static string Name(Turn turn, PlanningEvent e) => Name(turn.Texts, turn.Language, e);

    /// <summary>Its own name (a "lainnya" event), or its kind's.</summary>
    public static string Name(Texts texts, string language, PlanningEvent e) => e.Title ?? texts.Get(language, $"Planning.Kind.{e.Kind}");

    /// <summary>
    /// Starts a flow about one of her villages: past its village step (at <paramref name="next"/>) when she
    /// oversees one, or names one of hers; otherwise at the village step. None: says so.
    /// </summary>
    public static async Task StartForVillageAsync<TDraft>(Turn turn, string? named, Flow<TDraft> flow, Func<long, TDraft> draft, string next, CancellationToken ct)
        where TDraft : class, new()
    {
        var villages = await OverseenAsync(turn, ct);
        if (villages.Count == 0)
        {
            turn.Say(turn.T("Planning.NoVillage"));
            return;
        }

        // One village (most facilitators), or one named: no need to ask which.
        var only = villages.Count == 1 ? villages : [.. villages.Where(v => string.Equals(v.Name, Words.Clean(named ?? ""), StringComparison.OrdinalIgnoreCase))];
        turn.Start(flow, draft(only.Count == 1 ? only[0].Id : 0), only.Count == 1 ? next : null);
    }

    /// <summary>Which of her villages, by button or by name (a flow's first step when she oversees several).</summary>
    public static Step<TDraft> VillageStep<TDraft>(Action<TDraft, long> set, string next) => new()
    {
        Ask = async (turn, d, ct) => turn.Say(turn.T("Planning.AskVillage"), VillageChoices(await OverseenAsync(turn, ct))),
        Answer = async (turn, d, a, ct) =>
        {
            var villages = await OverseenAsync(turn, ct);
            var picked = villages.FirstOrDefault(v => a.Value == $"village:{v.Id}" || string.Equals(v.Name, Words.Clean(a.Text), StringComparison.OrdinalIgnoreCase));
            if (picked is null)
            {
                return Next.Retry(turn.T("Planning.VillageRetry"), VillageChoices(villages));
            }

            set(d, picked.Id);
            return Next.GoTo(next);
        },
    };

    private static List<Choice> VillageChoices(List<VillageRef> villages) =>
        [.. villages.Take(GroupRefs.MaxPickChoices).Select(v => new Choice($"village:{v.Id}", v.Name))];

    /// <summary>The button that picks an event: "Rembuk perempuan 15/12".</summary>
    public static Choice Choice(Turn turn, PlanningEvent e) =>
        new($"event:{e.Id}", $"{Name(turn, e)} {e.Date.ToString("d/M", CultureInfo.InvariantCulture)}");

    /// <summary>"• 13 Juni 2026 jam 09.00: Rembuk perempuan, Aula Wali Nagari", with the village when several are listed.</summary>
    public static string Line(Turn turn, PlanningEvent e, string? village)
    {
        var name = village is null ? Name(turn, e) : $"{Name(turn, e)} ({village})";
        return e.IsCancelled
            ? turn.T("Planning.LineCancelled", Format.Date(turn.Language, e.Date), name)
            : turn.T("Planning.Line", Format.Date(turn.Language, e.Date), Format.Time(turn.Language, e.StartTime), name, e.Venue);
    }

    /// <summary>"2027 Mungo", "Mungo 2027", "Mungo" or nothing: the year (this one by default) and a village name.</summary>
    public static (int Year, string Village) YearAndVillage(string args, int thisYear)
    {
        var parts = Words.Clean(args).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var year = thisYear;
        var yearPart = parts.FirstOrDefault(p => p.Length == 4 && p.All(char.IsAsciiDigit));
        if (yearPart is not null && int.TryParse(yearPart, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100)
        {
            year = y;
            parts.Remove(yearPart);
        }

        return (year, string.Join(' ', parts));
    }

    /// <summary>A planning date: readable, and within a year either side of today (a year typo is not taken silently).</summary>
    public static bool TryDate(Turn turn, string text, out DateOnly date) =>
        DateParser.TryParse(text, turn.Clock.Today, DateLean.Future, out date)
        && date >= turn.Clock.Today.AddYears(-1) && date <= turn.Clock.Today.AddYears(1);
}
