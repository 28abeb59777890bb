using System.Globalization;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Trainings;

/// <summary>"pelatihan baru": a facilitator schedules a training and invites its audience with RSVP buttons.</summary>
public sealed class NewTrainingCommand(NewTrainingFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("training.new", ["pelatihan baru", "training new", "new training"], Audience.Facilitator, "Menu.TrainingNew");

    public Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        turn.Start(flow, new NewTrainingFlow.Draft());
        return Task.CompletedTask;
    }
}

public sealed class NewTrainingFlow(TrainingScheduler scheduler, TrainingNotices notices) : Flow<NewTrainingFlow.Draft>
{
    public const int MaxTitle = 100;
    public const int MaxVenue = 150;

    public sealed class Draft
    {
        public string? Title { get; set; }
        public DateOnly Start { get; set; }
        public DateOnly End { get; set; }
        public TimeOnly Time { get; set; }
        public string? Venue { get; set; }
        public TrainingAudience Audience { get; set; }
        public List<long> Picked { get; set; } = [];
    }

    public override string Name => "training.new";
    public override string FirstStep => "title";
    public override string HelpKey => "Help.TrainingNew";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["title"] = CommonSteps.ShortText<Draft>("Training.AskTitle", "Training.TitleRetry", MaxTitle, (d, v) => d.Title = v, "dates"),
        ["dates"] = TrainingText.DatesStep<Draft>((d, start, end) => (d.Start, d.End) = (start, end), "time"),
        ["time"] = CommonSteps.TimeOfDay<Draft>("Training.AskTime", (turn, d, time, ct) =>
        {
            d.Time = time;
            return Task.FromResult(Next.GoTo("venue"));
        }),
        ["venue"] = CommonSteps.ShortText<Draft>("Training.AskVenue", "Training.VenueRetry", MaxVenue, (d, v) => d.Venue = v, "audience"),
        ["audience"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Training.AskAudience"), [.. Enum.GetValues<TrainingAudience>().Select(x => new Choice($"aud:{x}", turn.T($"Audience.{x}")))]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (a.ChoiceId is not { } id || !id.StartsWith("aud:", StringComparison.Ordinal) || !Enum.TryParse<TrainingAudience>(id[4..], out var audience))
                {
                    return Task.FromResult(Next.Retry(turn.T("Training.AudienceRetry")));
                }

                d.Audience = audience;
                d.Picked.Clear();
                return Task.FromResult(Next.GoTo(audience is TrainingAudience.Villages or TrainingAudience.Groups ? "pick" : "confirm"));
            },
        },
        ["pick"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var options = await OptionsAsync(turn, d, ct);
                var choices = options.Where(o => !d.Picked.Contains(o.Id)).Take(GroupRefs.MaxPickChoices).Select(o => new Choice($"pick:{o.Id}", o.Name)).ToList();
                if (d.Picked.Count > 0)
                {
                    choices.Insert(0, new Choice("pick:done", turn.T("Button.Done")));
                }

                turn.Say(turn.T(d.Audience == TrainingAudience.Villages ? "Training.PickVillages" : "Training.PickGroups", d.Picked.Count), choices);
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value is "pick:done" or "selesai" or "done")
                {
                    return d.Picked.Count == 0 ? Next.Retry(turn.T("Training.PickOne")) : Next.GoTo("confirm");
                }

                var options = await OptionsAsync(turn, d, ct);
                var picked = a.ChoiceId is { } id && id.StartsWith("pick:", StringComparison.Ordinal) && long.TryParse(id[5..], out var n)
                    ? options.FirstOrDefault(o => o.Id == n)
                    : options.FirstOrDefault(o => string.Equals(o.Name, Names.Tidy(a.Text), StringComparison.OrdinalIgnoreCase));
                if (picked is null)
                {
                    return Next.Retry(turn.T("Training.PickOne"));
                }

                if (!d.Picked.Contains(picked.Id))
                {
                    d.Picked.Add(picked.Id);
                }

                return Next.GoTo("pick");
            },
        },
        ["confirm"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var invitees = await InviteesAsync(turn, d.Audience, d.Picked, ct);
                turn.Say(turn.T("Training.Confirm", d.Title, TrainingText.Dates(turn.Language, d.Start, d.End), Format.Time(turn.Language, d.Time), d.Venue, invitees.Count),
                    [new Choice("confirm:save", turn.T("Button.SendInvites")), new Choice("batal", turn.T("Button.Cancel"))]);
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value is not ("confirm:save" or "kirim" or "ya" or "simpan"))
                {
                    return Next.Retry(turn.T("Training.ConfirmRetry"));
                }

                await CreateAsync(turn, d, ct);
                return Next.Done;
            },
        },
    };

    private sealed record Option(long Id, string Name);

    private static async Task<List<Option>> OptionsAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var villages = turn.Caller.FacilitatorVillageIds;
        var all = turn.Caller.IsAdmin;
        return d.Audience == TrainingAudience.Villages
            ? await turn.Db.Villages.Where(v => all || villages.Contains(v.Id)).OrderBy(v => v.Name).Select(v => new Option(v.Id, v.Name)).ToListAsync(ct)
            : await turn.Db.Groups.Where(g => g.DeletedUtc == null && (all || villages.Contains(g.VillageId))).OrderBy(g => g.Name)
                .Select(g => new Option(g.Id, g.Name + " (" + g.Village!.Name + ")")).ToListAsync(ct);
    }

    /// <summary>The officers to invite, each once, with the group she is invited for.</summary>
    public static async Task<List<(long PersonId, long GroupId)>> InviteesAsync(Turn turn, TrainingAudience audience, IReadOnlyList<long> picked, CancellationToken ct)
    {
        var villages = turn.Caller.FacilitatorVillageIds;
        var all = turn.Caller.IsAdmin;
        var query = turn.Db.Memberships.Where(m => m.Role != MemberRole.Member && m.Group!.DeletedUtc == null && (all || villages.Contains(m.Group.VillageId)));
        query = audience switch
        {
            TrainingAudience.LeadersAndTreasurers => query.Where(m => m.Role == MemberRole.Leader || m.Role == MemberRole.Treasurer),
            TrainingAudience.Villages => query.Where(m => picked.Contains(m.Group!.VillageId)),
            TrainingAudience.Groups => query.Where(m => picked.Contains(m.GroupId)),
            _ => query,
        };
        var rows = await query.OrderBy(m => m.Id).Select(m => new { m.PersonId, m.GroupId }).ToListAsync(ct);
        return [.. rows.DistinctBy(r => r.PersonId).Select(r => (r.PersonId, r.GroupId))];
    }

    private async Task CreateAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        var training = Training.Plan(d.Title!, d.Start, d.End, d.Time, d.Venue!, d.Audience,
            string.Join(',', d.Picked.Select(p => p.ToString(CultureInfo.InvariantCulture))), turn.Caller.Person!.Id, turn.Clock.UtcNow);
        db.Trainings.Add(training);
        var invitees = await InviteesAsync(turn, d.Audience, d.Picked, ct);
        foreach (var (personId, groupId) in invitees)
        {
            training.Invite(personId, groupId);
        }

        await db.SaveChangesAsync(ct);
        turn.Audit("create", "training", training.Id, $"{invitees.Count} invited");
        await notices.SendAsync(db, training, "Training.Invitation", withRsvp: true, ct);
        turn.AfterCommit(c => scheduler.ScheduleTrainingAsync(training, c));
        turn.Say(turn.T("Training.Created", training.Title, invitees.Count));
    }
}
