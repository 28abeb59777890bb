using System.Globalization;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Planning;

/// <summary>"utusan": an officer picks who represents her group at a coming planning event.</summary>
public sealed class DelegatesCommand(DelegatesFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("delegates", ["utusan", "delegates", "delegate"], Audience.Officer, "Menu.Delegates");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "utusan", flow, g => new DelegatesFlow.Draft { GroupId = g.Id }, ct);
}

/// <summary>"utusan hadir": after the event, who of the delegates went, and how many women and people came in all.</summary>
public sealed class DelegatesAttendedCommand(DelegatesAttendedFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("delegates.attended", ["utusan hadir", "delegates attended"], Audience.Officer, "Menu.DelegatesAttended");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "utusan hadir", flow, g => new DelegatesAttendedFlow.Draft { GroupId = g.Id }, ct);
}

/// <summary>Which event (the village's coming ones), then the members as buttons to tick, then Selesai.</summary>
public sealed class DelegatesFlow : Flow<DelegatesFlow.Draft>
{
    public sealed class Draft
    {
        public long GroupId { get; set; }
        public long EventId { get; set; }
        public List<long> Picked { get; set; } = [];
    }

    public override string Name => "delegates";
    public override string FirstStep => "event";
    public override string HelpKey => "Help.Delegates";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["event"] = Delegation.EventStep<Draft>(d => d.GroupId, coming: true, async (turn, d, e, ct) =>
        {
            d.EventId = e.Id;
            d.Picked = [.. e.Delegates.Where(x => x.GroupId == d.GroupId).Select(x => x.PersonId)];
            return Next.GoTo("pick");
        }),
        ["pick"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var roster = await Delegation.RosterAsync(turn, d.GroupId, ct);
                turn.Say(turn.T("Delegates.AskPick", d.Picked.Count), Delegation.Toggles(turn, roster, d.Picked));
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value is "pick:done" or "selesai" or "done")
                {
                    if (d.Picked.Count == 0)
                    {
                        return Next.Retry(turn.T("Delegates.PickOne"), Delegation.Toggles(turn, await Delegation.RosterAsync(turn, d.GroupId, ct), d.Picked));
                    }

                    var e = await Delegation.EventAsync(turn, d.GroupId, d.EventId, ct);
                    if (e is null)
                    {
                        turn.Say(turn.T("Delegates.EventGone"));
                        return Next.Done;
                    }

                    e.ChooseDelegates(d.GroupId, d.Picked, turn.Clock.UtcNow);
                    turn.Audit("delegates", "planning-event", e.Id, $"group {d.GroupId}: {d.Picked.Count}");
                    var names = await turn.Db.People.Where(p => d.Picked.Contains(p.Id)).OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(ct);
                    turn.Say(turn.T("Delegates.Saved", Calendar.Name(turn, e), Format.Date(turn.Language, e.Date), string.Join(", ", names)));
                    return Next.Done;
                }

                var roster = await Delegation.RosterAsync(turn, d.GroupId, ct);
                var person = Delegation.Toggled(a, roster);
                if (person is null)
                {
                    return Next.Retry(turn.T("Delegates.PickRetry"), Delegation.Toggles(turn, roster, d.Picked));
                }

                if (!d.Picked.Remove(person.Value))
                {
                    d.Picked.Add(person.Value);
                }

                return Next.GoTo("pick");
            },
        },
    };
}

/// <summary>Which event (held ones with delegates), tick who went, then the turnout: women, and everyone.</summary>
public sealed class DelegatesAttendedFlow : Flow<DelegatesAttendedFlow.Draft>
{
    public sealed class Draft
    {
        public long GroupId { get; set; }
        public long EventId { get; set; }
        public List<long> Went { get; set; } = [];
        public int? Women { get; set; }
    }

    public override string Name => "delegates.attended";
    public override string FirstStep => "event";
    public override string HelpKey => "Help.DelegatesAttended";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["event"] = Delegation.EventStep<Draft>(d => d.GroupId, coming: false, (turn, d, e, ct) =>
        {
            d.EventId = e.Id;
            d.Went = [.. e.Delegates.Where(x => x.GroupId == d.GroupId && x.Attended != false).Select(x => x.PersonId)];
            return Task.FromResult(Next.GoTo("went"));
        }),
        ["went"] = new()
        {
            Ask = async (turn, d, ct) => turn.Say(turn.T("Delegates.AskWent"), Delegation.Toggles(turn, await DelegatesAsync(turn, d, ct), d.Went)),
            Answer = async (turn, d, a, ct) =>
            {
                var delegates = await DelegatesAsync(turn, d, ct);
                if (a.Value is "pick:done" or "selesai" or "done")
                {
                    return Next.GoTo("women");
                }

                var person = Delegation.Toggled(a, delegates);
                if (person is null)
                {
                    return Next.Retry(turn.T("Delegates.PickRetry"), Delegation.Toggles(turn, delegates, d.Went));
                }

                if (!d.Went.Remove(person.Value))
                {
                    d.Went.Add(person.Value);
                }

                return Next.GoTo("went");
            },
        },
        ["women"] = new()
        {
            Ask = (turn, d, ct) => Ask(turn, "Delegates.AskWomen"),
            Answer = (turn, d, a, ct) =>
            {
                if (Skips(a))
                {
                    d.Women = null;
                    return SaveAsync(turn, d, people: null, ct);
                }

                if (!TryCount(a, out var women))
                {
                    return Task.FromResult(Next.Retry(turn.T("Delegates.CountRetry"), [SkipChoice(turn)]));
                }

                d.Women = women;
                return Task.FromResult(Next.GoTo("people"));
            },
        },
        ["people"] = new()
        {
            Ask = (turn, d, ct) => Ask(turn, "Delegates.AskPeople"),
            Answer = (turn, d, a, ct) =>
            {
                if (!TryCount(a, out var people) || people < 1)
                {
                    return Task.FromResult(Next.Retry(turn.T("Delegates.CountRetry"), [SkipChoice(turn)]));
                }

                if (people < d.Women)
                {
                    return Task.FromResult(Next.Retry(turn.T("Delegates.FewerThanWomen", d.Women)));
                }

                return SaveAsync(turn, d, people, ct);
            },
        },
    };

    private static async Task<Next> SaveAsync(Turn turn, Draft d, int? people, CancellationToken ct)
    {
        var e = await Delegation.EventAsync(turn, d.GroupId, d.EventId, ct);
        if (e is null)
        {
            turn.Say(turn.T("Delegates.EventGone"));
            return Next.Done;
        }

        e.RecordAttendance(d.GroupId, d.Went, turn.Clock.Today, turn.Clock.UtcNow);
        if (d.Women is { } women && people is { } all)
        {
            e.RecordTurnout(women, all, turn.Clock.Today);
        }

        turn.Audit("delegates-attended", "planning-event", e.Id, $"group {d.GroupId}: {d.Went.Count} went");
        var chosen = e.Delegates.Count(x => x.GroupId == d.GroupId);
        turn.Say(e.WomenAttended is { } w && e.PeopleAttended is { } p
            ? turn.T("Delegates.AttendedWithTurnout", d.Went.Count, chosen, Calendar.Name(turn, e), w, p)
            : turn.T("Delegates.Attended", d.Went.Count, chosen, Calendar.Name(turn, e)));
        return Next.Done;
    }

    private static async Task<List<Delegation.Member>> DelegatesAsync(Turn turn, Draft d, CancellationToken ct) =>
        await turn.Db.EventDelegates.Where(x => x.EventId == d.EventId && x.GroupId == d.GroupId)
            .OrderBy(x => x.Person!.Name).Select(x => new Delegation.Member(x.PersonId, x.Person!.Name)).ToListAsync(ct);

    private static bool Skips(Answer a) => a.Value is "skip" or "lewati" or "tidak tahu" or "skip:count";

    private static bool TryCount(Answer a, out int count) =>
        int.TryParse(Words.Clean(a.Text), NumberStyles.None, CultureInfo.InvariantCulture, out count) && count <= 100_000;

    private static Choice SkipChoice(Turn turn) => new("skip:count", turn.T("Button.Skip"));

    private static Task Ask(Turn turn, string key)
    {
        turn.Say(turn.T(key), [SkipChoice(turn)]);
        return Task.CompletedTask;
    }
}

/// <summary>What the delegate flows share: the group's events, its roster, tick buttons.</summary>
public static class Delegation
{
    public sealed record Member(long PersonId, string Name);

    /// <summary>How far back a held event is offered for reporting who went.</summary>
    public const int ReportDays = 60;

    /// <summary>The group's village events, not cancelled: coming ones (to choose delegates) or held ones with delegates (to report).</summary>
    public static async Task<List<PlanningEvent>> EventsAsync(Turn turn, long groupId, bool coming, CancellationToken ct)
    {
        var villageId = await turn.Db.Groups.Where(g => g.Id == groupId).Select(g => g.VillageId).SingleAsync(ct);
        var today = turn.Clock.Today;
        var query = turn.Db.PlanningEvents.Include(e => e.Delegates).Where(e => e.VillageId == villageId && e.CancelledUtc == null);
        query = coming
            ? query.Where(e => e.Date >= today).OrderBy(e => e.Date)
            : query.Where(e => e.Date <= today && e.Date >= today.AddDays(-ReportDays) && e.Delegates.Any(x => x.GroupId == groupId)).OrderByDescending(e => e.Date);
        return await query.Take(GroupRefs.MaxPickChoices).ToListAsync(ct);
    }

    public static async Task<PlanningEvent?> EventAsync(Turn turn, long groupId, long eventId, CancellationToken ct) =>
        (await EventsAsync(turn, groupId, coming: true, ct)).Concat(await EventsAsync(turn, groupId, coming: false, ct)).FirstOrDefault(e => e.Id == eventId);

    /// <summary>Everyone in the group, phone or not: a member without a phone can be a delegate too.</summary>
    public static Task<List<Member>> RosterAsync(Turn turn, long groupId, CancellationToken ct) =>
        turn.Db.Memberships.Where(m => m.GroupId == groupId).OrderBy(m => m.Person!.Name)
            .Select(m => new Member(m.PersonId, m.Person!.Name)).Take(GroupRefs.MaxPickChoices).ToListAsync(ct);

    public static List<Choice> Toggles(Turn turn, IReadOnlyList<Member> members, IReadOnlyCollection<long> ticked) =>
        [.. members.Select(m => new Choice($"pick:{m.PersonId}", ticked.Contains(m.PersonId) ? $"✓ {m.Name}" : m.Name)), new Choice("pick:done", turn.T("Button.Done"))];

    /// <summary>The person a button (or her typed name) points at.</summary>
    public static long? Toggled(Answer a, IReadOnlyList<Member> members) =>
        members.FirstOrDefault(m => a.Value == $"pick:{m.PersonId}" || (a.ChoiceId is null && string.Equals(m.Name, Words.Clean(a.Text), StringComparison.OrdinalIgnoreCase)))?.PersonId;

    public static Step<TDraft> EventStep<TDraft>(Func<TDraft, long> groupId, bool coming, Func<Turn, TDraft, PlanningEvent, CancellationToken, Task<Next>> then) => new()
    {
        Ask = async (turn, d, ct) =>
        {
            var events = await EventsAsync(turn, groupId(d), coming, ct);
            turn.Say(turn.T(events.Count > 0 ? "Delegates.AskEvent" : coming ? "Delegates.NoComing" : "Delegates.NoHeld"), Choices(turn, events));
        },
        Answer = async (turn, d, a, ct) =>
        {
            var events = await EventsAsync(turn, groupId(d), coming, ct);
            var e = events.FirstOrDefault(x => a.Value == $"event:{x.Id}");
            return e is null ? Next.Retry(turn.T("Delegates.EventRetry"), Choices(turn, events)) : await then(turn, d, e, ct);
        },
    };

    private static List<Choice> Choices(Turn turn, IEnumerable<PlanningEvent> events) =>
        [.. events.Select(e => Calendar.Choice(turn, e))];
}
