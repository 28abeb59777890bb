using System.Text;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Trainings;

/// <summary>
/// "pelatihan": facilitators see RSVP counts and names per group for their trainings; everyone
/// else sees the trainings they are invited to, with buttons to answer.
/// </summary>
public sealed class TrainingsCommand(Texts texts) : ICommand
{
    public CommandInfo Info { get; } = new("training", ["pelatihan", "training", "trainings"], Audience.Joined, "Menu.Training");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var today = turn.Clock.Today;
        var db = turn.Db;
        if (turn.Caller.IsFacilitator || turn.Caller.IsAdmin)
        {
            var mine = await Manageable(turn).Where(t => t.EndDate >= today && t.Status == TrainingStatus.Scheduled).OrderBy(t => t.StartDate).ToListAsync(ct);
            if (mine.Count == 0)
            {
                turn.Say(turn.T("Training.NoneOrganised"), [new Choice("pelatihan baru", turn.T("Button.NewTraining"))]);
                return;
            }

            foreach (var t in mine)
            {
                var invitations = await db.Invitations.Where(i => i.TrainingId == t.Id)
                    .Select(i => new { i.Rsvp, Name = i.Person!.Name, Group = db.Set<Group>().Where(g => g.Id == i.GroupId).Select(g => g.Name).FirstOrDefault() })
                    .ToListAsync(ct);
                var sb = new StringBuilder(turn.T("Training.Status", t.Title, TrainingText.Dates(turn.Language, t),
                    invitations.Count(i => i.Rsvp == Rsvp.Yes), invitations.Count(i => i.Rsvp == Rsvp.No), invitations.Count(i => i.Rsvp == Rsvp.Maybe), invitations.Count(i => i.Rsvp == Rsvp.None)));
                foreach (var group in invitations.GroupBy(i => i.Group ?? "-").OrderBy(g => g.Key))
                {
                    sb.Append('\n').Append(group.Key).Append(": ")
                        .Append(string.Join(", ", group.OrderBy(i => i.Name).Select(i => $"{i.Name} {Mark(i.Rsvp)}")));
                }

                turn.Say(sb.ToString(), [new Choice($"pelatihan ubah #{t.Id}", turn.T("Button.MoveTraining")), new Choice($"pelatihan batal #{t.Id}", turn.T("Button.CancelTraining"))]);
            }

            return;
        }

        var personId = turn.Caller.Person!.Id;
        var invited = await db.Invitations.Include(i => i.Training)
            .Where(i => i.PersonId == personId && i.Training!.EndDate >= today && i.Training.Status == TrainingStatus.Scheduled)
            .OrderBy(i => i.Training!.StartDate).ToListAsync(ct);
        if (invited.Count == 0)
        {
            turn.Say(turn.T("Training.NoneInvited"));
            return;
        }

        foreach (var i in invited)
        {
            var t = i.Training!;
            turn.Say(turn.T("Training.Invited", t.Title, TrainingText.Dates(turn.Language, t), Format.Time(turn.Language, t.StartTime), t.Venue, turn.T($"Rsvp.{i.Rsvp}")),
                TrainingText.RsvpChoices(texts, turn.Language, t.Id));
        }
    }

    private static string Mark(Rsvp rsvp) => rsvp switch
    {
        Rsvp.Yes => "✓",
        Rsvp.No => "✗",
        Rsvp.Maybe => "?",
        _ => "…",
    };

    /// <summary>Trainings a facilitator may manage: the ones she created; admins manage all.</summary>
    public static IQueryable<Training> Manageable(Turn turn)
    {
        var personId = turn.Caller.Person?.Id ?? -1;
        var all = turn.Caller.IsAdmin;
        return turn.Db.Trainings.Where(t => all || t.CreatedByPersonId == personId);
    }
}

/// <summary>"pelatihan jawab 12 ya|tidak|mungkin": the RSVP buttons. "Tidak bisa" stops the reminders for her.</summary>
public sealed class RsvpCommand : ICommand
{
    public CommandInfo Info { get; } = new("training.rsvp", ["pelatihan jawab", "training answer"], Audience.Member, null);

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var parts = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Rsvp? answer = parts.Length == 2 ? parts[1].ToLowerInvariant() switch
        {
            "ya" or "yes" or "hadir" => Rsvp.Yes,
            "tidak" or "no" => Rsvp.No,
            "mungkin" or "maybe" => Rsvp.Maybe,
            _ => null,
        } : null;
        var personId = turn.Caller.Person!.Id;
        var invitation = parts.Length == 2 && long.TryParse(parts[0], out var id) && answer is not null
            ? await turn.Db.Invitations.Include(i => i.Training).SingleOrDefaultAsync(i => i.TrainingId == id && i.PersonId == personId, ct)
            : null;
        if (invitation is null)
        {
            turn.Say(turn.T("Training.RsvpUnknown"));
            return;
        }

        if (invitation.Training!.Status == TrainingStatus.Cancelled)
        {
            turn.Say(turn.T("Training.WasCancelled", invitation.Training.Title));
            return;
        }

        invitation.Answer(answer!.Value, turn.Clock.UtcNow);
        turn.Say(turn.T($"Training.Rsvp{answer}", invitation.Training.Title));
    }
}

/// <summary>"pelatihan ubah": move a training; everyone invited is told and the reminders follow.</summary>
public sealed class MoveTrainingCommand(MoveTrainingFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("training.move", ["pelatihan ubah", "training move"], Audience.Facilitator, null);

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await TrainingPick.ResolveAsync(turn, args, "pelatihan ubah", ct) is { } training)
        {
            turn.Start(flow, new MoveTrainingFlow.Draft { TrainingId = training.Id });
        }
    }
}

public sealed class MoveTrainingFlow(TrainingScheduler scheduler, TrainingNotices notices) : Flow<MoveTrainingFlow.Draft>
{
    public sealed class Draft
    {
        public long TrainingId { get; set; }
        public DateOnly Start { get; set; }
        public DateOnly End { get; set; }
    }

    public override string Name => "training.move";
    public override string FirstStep => "dates";
    public override string HelpKey => "Help.TrainingNew";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["dates"] = TrainingText.DatesStep<Draft>((d, start, end) => (d.Start, d.End) = (start, end), "time"),
        ["time"] = CommonSteps.TimeOfDay<Draft>("Training.AskTime", async (turn, d, time, ct) =>
        {
            var training = await turn.Db.Trainings.Include(t => t.Invitations).SingleAsync(t => t.Id == d.TrainingId, ct);
            if (training.Status != TrainingStatus.Scheduled)
            {
                turn.Say(turn.T("Training.WasCancelled", training.Title));
                return Next.Done;
            }

            training.Move(d.Start, d.End, time);
            turn.Audit("move", "training", training.Id, $"v{training.ScheduleVersion}");
            var told = await notices.SendAsync(turn.Db, training, "Training.Moved", withRsvp: true, ct);
            turn.AfterCommit(c => scheduler.ScheduleTrainingAsync(training, c));
            turn.Say(turn.T("Training.MovedDone", training.Title, TrainingText.Dates(turn.Language, training), told));
            return Next.Done;
        }),
    };
}

/// <summary>"pelatihan batal": cancel a training; everyone invited is told and no more reminders go out.</summary>
public sealed class CancelTrainingCommand(TrainingScheduler scheduler, TrainingNotices notices) : ICommand
{
    public CommandInfo Info { get; } = new("training.cancel", ["pelatihan batal", "training cancel"], Audience.Facilitator, null);

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var training = await TrainingPick.ResolveAsync(turn, args, "pelatihan batal", ct);
        if (training is null)
        {
            return;
        }

        if (!args.EndsWith(" ya", StringComparison.Ordinal))
        {
            turn.Say(turn.T("Training.CancelConfirm", training.Title),
                [new Choice($"pelatihan batal #{training.Id} ya", turn.T("Button.YesCancelTraining")), new Choice("bantuan", turn.T("Button.No"))]);
            return;
        }

        training.Cancel();
        turn.Audit("cancel", "training", training.Id);
        var told = await notices.SendAsync(turn.Db, training, "Training.CancelledNotice", withRsvp: false, ct);
        turn.AfterCommit(c => scheduler.ScheduleTrainingAsync(training, c));
        turn.Say(turn.T("Training.CancelledDone", training.Title, told));
    }
}

public static class TrainingPick
{
    /// <summary>"#12" picks training 12 (if the caller manages it); otherwise buttons for her upcoming trainings.</summary>
    public static async Task<Training?> ResolveAsync(Turn turn, string args, string command, CancellationToken ct)
    {
        var today = turn.Clock.Today;
        var trainings = await TrainingsCommand.Manageable(turn).Where(t => t.Status == TrainingStatus.Scheduled && t.EndDate >= today).OrderBy(t => t.StartDate).ToListAsync(ct);
        var first = args.Split(' ', 2)[0];
        if (first.StartsWith('#') && long.TryParse(first[1..], out var id))
        {
            var picked = trainings.FirstOrDefault(t => t.Id == id);
            if (picked is null)
            {
                turn.Say(turn.T("Training.NotYours"));
            }

            return picked;
        }

        if (trainings.Count == 0)
        {
            turn.Say(turn.T("Training.NoneOrganised"));
            return null;
        }

        turn.Say(turn.T("Training.Pick"), [.. trainings.Take(GroupRefs.MaxPickChoices).Select(t => new Choice($"{command} #{t.Id}", t.Title))]);
        return null;
    }
}
