using GroupBot.Chat;

namespace GroupBot.Planning;

/// <summary>Adds a planning event: village (when she has several), kind, name (for "lainnya"), date, time, place.</summary>
public sealed class PlanningEventFlow : Flow<PlanningEventFlow.Draft>
{
    public sealed class Draft
    {
        public long VillageId { get; set; }
        public PlanningEventKind Kind { get; set; }
        public string? Title { get; set; }
        public DateOnly Date { get; set; }
        public TimeOnly Time { get; set; }
        public string? Venue { get; set; }
    }

    public override string Name => "planning.add";
    public override string FirstStep => "village";
    public override string HelpKey => "Help.PlanningEvent";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["village"] = Calendar.VillageStep<Draft>((d, id) => d.VillageId = id, "kind"),
        ["kind"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Planning.AskKind"), KindChoices(turn));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (a.ChoiceId is not { } id || !id.StartsWith("kind:", StringComparison.Ordinal) || !Enum.TryParse<PlanningEventKind>(id[5..], out var kind) || !Enum.IsDefined(kind))
                {
                    return Task.FromResult(Next.Retry(turn.T("Planning.KindRetry"), KindChoices(turn)));
                }

                d.Kind = kind;
                d.Title = null;
                return Task.FromResult(Next.GoTo(kind == PlanningEventKind.Other ? "title" : "date"));
            },
        },
        ["title"] = new()
        {
            Ask = (turn, d, ct) => Ask(turn, "Planning.AskTitle"),
            Answer = (turn, d, a, ct) =>
            {
                if (!CommonSteps.TryShortText(a.Text, PlanningEvent.MaxTitleLength, out var title))
                {
                    return Task.FromResult(Next.Retry(turn.T("Planning.TitleRetry")));
                }

                d.Title = title;
                return Task.FromResult(Next.GoTo("date"));
            },
        },
        ["date"] = new()
        {
            Ask = (turn, d, ct) => Ask(turn, "Planning.AskDate"),
            Answer = (turn, d, a, ct) =>
            {
                if (!Calendar.TryDate(turn, a.Text, out var date))
                {
                    return Task.FromResult(Next.Retry(turn.T("Planning.DateRetry")));
                }

                d.Date = date;
                return Task.FromResult(Next.GoTo("time"));
            },
        },
        ["time"] = CommonSteps.TimeOfDay<Draft>("Planning.AskTime", (turn, d, time, ct) =>
        {
            d.Time = time;
            return Task.FromResult(Next.GoTo("venue"));
        }),
        ["venue"] = new()
        {
            Ask = (turn, d, ct) => Ask(turn, "Planning.AskVenue"),
            Answer = (turn, d, a, ct) =>
            {
                if (!CommonSteps.TryShortText(a.Text, PlanningEvent.MaxVenueLength, out var venue))
                {
                    return Task.FromResult(Next.Retry(turn.T("Planning.VenueRetry")));
                }

                d.Venue = venue;
                return Task.FromResult(Next.GoTo("confirm"));
            },
        },
        ["confirm"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var village = (await Calendar.OverseenAsync(turn, ct)).First(v => v.Id == d.VillageId);
                var name = d.Title ?? turn.T($"Planning.Kind.{d.Kind}");
                turn.Say(turn.T("Planning.Confirm", name, Format.Date(turn.Language, d.Date), Format.Time(turn.Language, d.Time), d.Venue, village.Name),
                    [new Choice("confirm:save", turn.T("Button.Save")), new Choice("batal", turn.T("Button.Cancel"))]);
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value is not ("confirm:save" or "simpan" or "ya" or "save" or "yes"))
                {
                    return Next.Retry(turn.T("Planning.ConfirmRetry"), [new Choice("confirm:save", turn.T("Button.Save")), new Choice("batal", turn.T("Button.Cancel"))]);
                }

                // The village may have been taken from her since the question was asked.
                if (!turn.Caller.Oversees(d.VillageId))
                {
                    turn.Say(turn.T("Refuse.Facilitator"));
                    return Next.Done;
                }

                var e = PlanningEvent.Schedule(d.VillageId, d.Kind, d.Title, d.Date, d.Time, d.Venue!, turn.Caller.Person!.Id, turn.Clock.UtcNow);
                turn.Db.PlanningEvents.Add(e);
                await turn.Db.SaveChangesAsync(ct);
                turn.Audit("create", "planning-event", e.Id, $"{e.Kind} {e.Date:yyyy-MM-dd}");
                turn.Say(turn.T("Planning.Saved", Calendar.Name(turn, e), Format.Date(turn.Language, e.Date)), [new Choice("musrenbang", turn.T("Button.Calendar"))]);
                return Next.Done;
            },
        },
    };

    private static List<Choice> KindChoices(Turn turn) =>
        [.. Enum.GetValues<PlanningEventKind>().Select(k => new Choice($"kind:{k}", turn.T($"Planning.Kind.{k}")))];

    private static Task Ask(Turn turn, string key)
    {
        turn.Say(turn.T(key));
        return Task.CompletedTask;
    }
}

/// <summary>Changes an event: date, time, place, or cancels it (it stays on the calendar, marked).</summary>
public sealed class ChangePlanningEventFlow : Flow<ChangePlanningEventFlow.Draft>
{
    public sealed class Draft
    {
        public long EventId { get; set; }
    }

    public override string Name => "planning.change";
    public override string FirstStep => "event";
    public override string HelpKey => "Help.PlanningChange";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["event"] = new()
        {
            Ask = async (turn, d, ct) => turn.Say(turn.T("Planning.AskEvent"), await EventChoicesAsync(turn, ct)),
            Answer = async (turn, d, a, ct) =>
            {
                var events = await Calendar.ChangeableAsync(turn, ct);
                var picked = events.FirstOrDefault(e => a.Value == $"event:{e.Id}");
                if (picked is null)
                {
                    return Next.Retry(turn.T("Planning.EventRetry"), await EventChoicesAsync(turn, ct));
                }

                d.EventId = picked.Id;
                return Next.GoTo("what");
            },
        },
        ["what"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var e = await EventAsync(turn, d, ct);
                turn.Say(turn.T("Planning.AskWhat", e is null ? "" : Calendar.Line(turn, e, e.Village?.Name)), WhatChoices(turn));
            },
            Answer = (turn, d, a, ct) => Task.FromResult(a.Value switch
            {
                "what:date" or "tanggal" or "date" => Next.GoTo("date"),
                "what:time" or "jam" or "time" => Next.GoTo("time"),
                "what:venue" or "tempat" or "place" => Next.GoTo("venue"),
                "what:cancel" => Next.GoTo("cancel"),
                _ => Next.Retry(turn.T("Planning.WhatRetry"), WhatChoices(turn)),
            }),
        },
        ["date"] = new()
        {
            Ask = (turn, d, ct) => Ask(turn, "Planning.AskDate"),
            Answer = async (turn, d, a, ct) =>
            {
                if (!Calendar.TryDate(turn, a.Text, out var date))
                {
                    return Next.Retry(turn.T("Planning.DateRetry"));
                }

                return await ChangeAsync(turn, d, e => e.MoveTo(date, e.StartTime), "move", ct);
            },
        },
        ["time"] = CommonSteps.TimeOfDay<Draft>("Planning.AskTime", (turn, d, time, ct) => ChangeAsync(turn, d, e => e.MoveTo(e.Date, time), "move", ct)),
        ["venue"] = new()
        {
            Ask = (turn, d, ct) => Ask(turn, "Planning.AskVenue"),
            Answer = async (turn, d, a, ct) =>
            {
                if (!CommonSteps.TryShortText(a.Text, PlanningEvent.MaxVenueLength, out var venue))
                {
                    return Next.Retry(turn.T("Planning.VenueRetry"));
                }

                return await ChangeAsync(turn, d, e => e.ChangeVenue(venue), "venue", ct);
            },
        },
        ["cancel"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var e = await EventAsync(turn, d, ct);
                turn.Say(turn.T("Planning.AskCancel", e is null ? "" : Calendar.Name(turn, e), e is null ? "" : Format.Date(turn.Language, e.Date)),
                    [new Choice("cancel:yes", turn.T("Button.CancelEvent")), new Choice("batal", turn.T("Button.Keep"))]);
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value != "cancel:yes")
                {
                    return Next.Retry(turn.T("Planning.CancelRetry"), [new Choice("cancel:yes", turn.T("Button.CancelEvent")), new Choice("batal", turn.T("Button.Keep"))]);
                }

                var e = await EventAsync(turn, d, ct);
                if (e is null)
                {
                    turn.Say(turn.T("Planning.EventGone"));
                    return Next.Done;
                }

                e.Cancel(turn.Clock.UtcNow);
                turn.Audit("cancel", "planning-event", e.Id);
                turn.Say(turn.T("Planning.Cancelled", Calendar.Name(turn, e), Format.Date(turn.Language, e.Date)));
                return Next.Done;
            },
        },
    };

    private static async Task<Next> ChangeAsync(Turn turn, Draft d, Action<PlanningEvent> change, string action, CancellationToken ct)
    {
        var e = await EventAsync(turn, d, ct);
        if (e is null)
        {
            turn.Say(turn.T("Planning.EventGone"));
            return Next.Done;
        }

        change(e);
        turn.Audit(action, "planning-event", e.Id, $"{e.Date:yyyy-MM-dd} {e.StartTime:HH\\:mm}");
        turn.Say(turn.T("Planning.Changed", Calendar.Line(turn, e, e.Village?.Name)), [new Choice("musrenbang", turn.T("Button.Calendar"))]);
        return Next.Done;
    }

    /// <summary>The event, if it is still one she may change (not cancelled meanwhile, still her village).</summary>
    private static async Task<PlanningEvent?> EventAsync(Turn turn, Draft d, CancellationToken ct) =>
        (await Calendar.ChangeableAsync(turn, ct)).FirstOrDefault(e => e.Id == d.EventId);

    private static async Task<List<Choice>> EventChoicesAsync(Turn turn, CancellationToken ct) =>
        [.. (await Calendar.ChangeableAsync(turn, ct)).Select(e => Calendar.Choice(turn, e))];

    private static List<Choice> WhatChoices(Turn turn) =>
    [
        new("what:date", turn.T("Button.Date")),
        new("what:time", turn.T("Button.Time")),
        new("what:venue", turn.T("Button.Venue")),
        new("what:cancel", turn.T("Button.CancelEvent")),
    ];

    private static Task Ask(Turn turn, string key)
    {
        turn.Say(turn.T(key));
        return Task.CompletedTask;
    }
}
