using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>"kelompok baru": a facilitator or admin creates a group: village, name, kind, meeting day and time, place.</summary>
public sealed class NewGroupCommand(NewGroupFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("group.new", ["kelompok baru", "group new", "new group"], Audience.Facilitator, "Menu.GroupNew");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var villages = await NewGroupFlow.VillagesAsync(turn, ct);
        if (villages.Count == 0)
        {
            turn.Say(turn.T(turn.Caller.IsAdmin ? "Village.NoneAdmin" : "Village.None"));
            return;
        }

        var draft = new NewGroupFlow.Draft();
        if (villages.Count == 1)
        {
            draft.VillageId = villages[0].Id;
            turn.Start(flow, draft, NewGroupFlow.NameStep);
            return;
        }

        turn.Start(flow, draft);
    }
}

public sealed class NewGroupFlow(Reminders.ReminderScheduler scheduler) : Flow<NewGroupFlow.Draft>
{
    public const string NameStep = "name";
    public const int MaxNameLength = 60;
    public const int MaxVenueLength = 120;

    public sealed class Draft
    {
        public long VillageId { get; set; }
        public string? Name { get; set; }
        public GroupKind? Kind { get; set; }
        public DayOfWeek? Day { get; set; }
        public TimeOnly? Time { get; set; }
    }

    public override string Name => "group.new";
    public override string FirstStep => "village";
    public override string HelpKey => "Help.GroupNew";

    public static async Task<List<Village>> VillagesAsync(Turn turn, CancellationToken ct)
    {
        var ids = turn.Caller.FacilitatorVillageIds;
        var all = turn.Caller.IsAdmin;
        return await turn.Db.Villages.Where(v => all || ids.Contains(v.Id)).OrderBy(v => v.Name).ToListAsync(ct);
    }

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["village"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var villages = await VillagesAsync(turn, ct);
                turn.Say(turn.T("GroupNew.AskVillage"), [.. villages.Select(v => new Choice($"village:{v.Id}", v.Name))]);
            },
            Answer = async (turn, d, a, ct) =>
            {
                var villages = await VillagesAsync(turn, ct);
                var picked = a.ChoiceId is { } id && id.StartsWith("village:", StringComparison.Ordinal)
                    ? villages.FirstOrDefault(v => $"village:{v.Id}" == id)
                    : villages.FirstOrDefault(v => string.Equals(v.Name, Names.Tidy(a.Text), StringComparison.OrdinalIgnoreCase));
                if (picked is null)
                {
                    return Next.Retry(turn.T("GroupNew.VillageRetry", villages.FirstOrDefault()?.Name ?? "Mungo"));
                }

                d.VillageId = picked.Id;
                return Next.GoTo(NameStep);
            },
        },
        [NameStep] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("GroupNew.AskName"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                var name = Names.Tidy(a.Text);
                if (!Names.IsPlausible(name, MaxNameLength))
                {
                    return Next.Retry(turn.T("GroupNew.NameRetry"));
                }

                if (await turn.Db.Groups.AnyAsync(g => g.VillageId == d.VillageId && g.Name == name && g.DeletedUtc == null, ct))
                {
                    return Next.Retry(turn.T("GroupNew.NameTaken", name));
                }

                d.Name = name;
                return Next.GoTo("kind");
            },
        },
        ["kind"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("GroupNew.AskKind"), [.. Enum.GetValues<GroupKind>().Select(k => new Choice($"kind:{k}", turn.T($"Kind.{k}")))]);
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var kind = GroupKinds.Parse(a.Value);
                if (kind is null)
                {
                    return Task.FromResult(Next.Retry(turn.T("GroupNew.KindRetry")));
                }

                d.Kind = kind;
                return Task.FromResult(Next.GoTo("day"));
            },
        },
        ["day"] = CommonSteps.WeekDay<Draft>((d, day) => d.Day = day, "time"),
        ["time"] = CommonSteps.TimeOfDay<Draft>("GroupNew.AskTime", (turn, d, time, ct) =>
        {
            d.Time = time;
            return Task.FromResult(Next.GoTo("venue"));
        }),
        ["venue"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("GroupNew.AskVenue"), [new Choice("venue:skip", turn.T("Button.Skip"))]);
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                var skip = a.ChoiceId == "venue:skip" || Words.Fold(a.Text) is "lewati" or "skip" or "-" or "tidak ada";
                var venue = skip ? null : Words.Clean(a.Text).Replace('\n', ' ');
                if (venue is { Length: > MaxVenueLength } || (venue is not null && Words.HasNoWords(venue)))
                {
                    return Next.Retry(turn.T("GroupNew.VenueRetry"));
                }

                var group = await CreateAsync(turn, d, venue, ct);
                turn.AfterCommit(c => scheduler.ScheduleGroupAsync(group, c));
                return Next.Done;
            },
        },
    };

    private static async Task<Group> CreateAsync(Turn turn, Draft d, string? venue, CancellationToken ct)
    {
        var village = await turn.Db.Villages.SingleAsync(v => v.Id == d.VillageId, ct);
        var group = new Group
        {
            Village = village,
            Name = d.Name!,
            Kind = d.Kind ?? GroupKind.Other,
            MeetingDay = d.Day ?? DayOfWeek.Monday,
            MeetingTime = d.Time ?? new TimeOnly(14, 0),
            Venue = venue,
            CreatedUtc = turn.Clock.UtcNow,
        };
        turn.Db.Groups.Add(group);
        await JoinCodes.IssueAsync(turn.Db, group, turn.Clock.UtcNow, ct);
        await turn.Db.SaveChangesAsync(ct);
        turn.Audit("create", "group", group.Id, $"{group.Name} ({village.Name})");
        var (member, leader) = await JoinCodes.CurrentAsync(turn.Db, group, ct);
        turn.Say(turn.T("GroupNew.Created", group.Name, village.Name,
            Format.Day(turn.Language, group.MeetingDay), Format.Time(turn.Language, group.MeetingTime), member, leader));
        return group;
    }
}

public static class GroupKinds
{
    public static GroupKind? Parse(string value) => value switch
    {
        "kind:SavingsLoan" or "simpan pinjam" or "simpan-pinjam" or "savings" or "sp" => GroupKind.SavingsLoan,
        "kind:Religious" or "pengajian" or "religious" or "majelis taklim" => GroupKind.Religious,
        "kind:Business" or "usaha" or "business" or "kelompok usaha" => GroupKind.Business,
        "kind:Other" or "lainnya" or "lain" or "other" => GroupKind.Other,
        _ => null,
    };
}
