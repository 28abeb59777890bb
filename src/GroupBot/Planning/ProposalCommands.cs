using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Planning;

/// <summary>
/// "usulan": this year's proposals of her groups (members read them; officers and facilitators
/// also get the buttons to add and to record what became of them).
/// </summary>
public sealed class ProposalsCommand : ICommand
{
    public CommandInfo Info { get; } = new("proposals", ["usulan", "proposals", "proposal"], Audience.Joined, "Menu.Proposals");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var groups = await Proposals.GroupsAsync(turn, ct);
        if (groups.Count == 0)
        {
            turn.Say(turn.T("Proposal.NoGroup"));
            return;
        }

        var group = GroupRefs.Resolve(turn, args, groups, "usulan", out _);
        if (group is null)
        {
            return;
        }

        var year = turn.Clock.Today.Year;
        var list = await Proposals.OfGroupAsync(turn.Db, group.Id, year, ct);
        var earlier = await Proposals.UnderWayAsync(turn.Db, group.Id, year, ct);
        var leads = turn.Caller.CanLead(group);
        IReadOnlyList<Choice> choices = leads
            ? [new Choice($"usulan tambah #{group.Id}", turn.T("Button.AddProposal")), .. list.Count + earlier.Count > 0 ? [new Choice($"usulan status #{group.Id}", turn.T("Button.ProposalStatus"))] : Array.Empty<Choice>()]
            : [];
        if (list.Count == 0 && earlier.Count == 0)
        {
            turn.Say(turn.T(leads ? "Proposal.NoneLeader" : "Proposal.None", group.Name, year), choices);
            return;
        }

        var sb = new StringBuilder(turn.T("Proposal.Title", group.Name, year));
        foreach (var (p, priority) in list)
        {
            sb.Append('\n').Append(Proposals.Line(turn, p, priority));
        }

        if (list.Count == 0)
        {
            sb.Append('\n').Append(turn.T("Proposal.NoneThisYear"));
        }

        // Earlier years' proposals still on their way (planned last year, built this year).
        foreach (var p in earlier)
        {
            sb.Append('\n').Append(turn.T("Proposal.EarlierLine", p.Year, p.Title, Proposals.Status(turn, p)));
        }

        turn.Say(sb.ToString(), choices);
    }
}

/// <summary>"usulan tambah": an officer records a proposal of her group.</summary>
public sealed class AddProposalCommand(ProposalFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("proposals.add", ["usulan tambah", "proposals add", "proposal add"], Audience.Officer, "Menu.ProposalAdd");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "usulan tambah", flow, g => new ProposalFlow.Draft { GroupId = g.Id }, ct);
}

/// <summary>Title, field, location, cost, who benefits, priority; then a summary to save.</summary>
public sealed class ProposalFlow : Flow<ProposalFlow.Draft>
{
    public sealed class Draft
    {
        public long GroupId { get; set; }
        public string? Title { get; set; }
        public ProposalField Field { get; set; }
        public string? Location { get; set; }
        public long Cost { get; set; }
        public string? Beneficiaries { get; set; }
        public int Priority { get; set; }
    }

    public override string Name => "proposals.add";
    public override string FirstStep => "title";
    public override string HelpKey => "Help.Proposal";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["title"] = CommonSteps.ShortText<Draft>("Proposal.AskTitle", "Proposal.TitleRetry", Proposal.MaxTitleLength, (d, v) => d.Title = v, "field"),
        ["field"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Proposal.AskField"), FieldChoices(turn));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (!TryField(a, out var field))
                {
                    return Task.FromResult(Next.Retry(turn.T("Proposal.FieldRetry"), FieldChoices(turn)));
                }

                d.Field = field;
                return Task.FromResult(Next.GoTo("location"));
            },
        },
        ["location"] = CommonSteps.ShortText<Draft>("Proposal.AskLocation", "Proposal.LocationRetry", Proposal.MaxLocationLength, (d, v) => d.Location = v, "cost"),
        ["cost"] = new()
        {
            Ask = (turn, d, ct) => Say(turn, "Proposal.AskCost"),
            Answer = (turn, d, a, ct) =>
            {
                var problem = Rupiah.Parse(a.Text, out var cost);
                if (problem != AmountProblem.None)
                {
                    return Task.FromResult(Next.Retry(turn.T($"Amount.{problem}")));
                }

                d.Cost = cost;
                return Task.FromResult(Next.GoTo("beneficiaries"));
            },
        },
        ["beneficiaries"] = CommonSteps.ShortText<Draft>("Proposal.AskBeneficiaries", "Proposal.BeneficiariesRetry", Proposal.MaxBeneficiariesLength, (d, v) => d.Beneficiaries = v, "priority"),
        ["priority"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var count = await OpenCountAsync(turn, d.GroupId, ct);
                turn.Say(turn.T("Proposal.AskPriority", count), PriorityChoices(count));
            },
            Answer = async (turn, d, a, ct) =>
            {
                var count = await OpenCountAsync(turn, d.GroupId, ct);
                if (!TryPriority(a, count + 1, out var priority))
                {
                    return Next.Retry(turn.T("Proposal.PriorityRetry", count + 1), PriorityChoices(count));
                }

                d.Priority = priority;
                return Next.GoTo("confirm");
            },
        },
        ["confirm"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Proposal.Confirm", d.Title, turn.T($"Proposal.Field.{d.Field}"), d.Location, Rupiah.Format(d.Cost), d.Beneficiaries, d.Priority), ConfirmChoices(turn));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Value is not ("confirm:save" or "simpan" or "ya" or "save" or "yes"))
                {
                    return Next.Retry(turn.T("Proposal.ConfirmRetry"), ConfirmChoices(turn));
                }

                var group = (await GroupRefs.LeadableAsync(turn, ct)).FirstOrDefault(g => g.Id == d.GroupId);
                if (group is null)
                {
                    turn.Say(turn.T("Group.NotYours"));
                    return Next.Done;
                }

                var year = turn.Clock.Today.Year;
                // Her new priority pushes the ones at and after it down by one: each group keeps 1, 2, 3 … in order.
                await Proposals.MakeRoomAsync(turn.Db, group.Id, year, d.Priority, ct);
                var proposal = Proposal.Create(group.VillageId, group.Id, d.Priority, year, d.Title!, d.Field, d.Location!, d.Cost, d.Beneficiaries!, turn.Caller.Person!.Id, turn.Clock.UtcNow);
                turn.Db.Proposals.Add(proposal);
                await turn.Db.SaveChangesAsync(ct);
                turn.Audit("create", "proposal", proposal.Id, group.Name);
                turn.Say(turn.T("Proposal.Saved", proposal.Title, group.Name), [new Choice($"usulan #{group.Id}", turn.T("Button.Proposals"))]);
                return Next.Done;
            },
        },
    };

    /// <summary>Proposals of this year that still count for the group's order.</summary>
    private static Task<int> OpenCountAsync(Turn turn, long groupId, CancellationToken ct) => Proposals.CountingAsync(turn.Db, groupId, turn.Clock.Today.Year, ct);

    /// <summary>Up to five positions (1 … count + 1) as buttons; a longer list is typed as a number.</summary>
    public static List<Choice> PriorityChoices(int count) =>
        [.. Enumerable.Range(1, Math.Min(count + 1, 5)).Select(i => new Choice($"prio:{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>A position from 1 to <paramref name="max"/>, pressed or typed.</summary>
    public static bool TryPriority(Answer a, int max, out int priority)
    {
        var value = a.ChoiceId is { } id && id.StartsWith("prio:", StringComparison.Ordinal) ? id[5..] : Words.Clean(a.Text);
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out priority) && priority >= 1 && priority <= max;
    }

    public static List<Choice> FieldChoices(Turn turn) =>
        [.. Enum.GetValues<ProposalField>().Select(f => new Choice($"field:{f}", turn.T($"Proposal.Field.{f}")))];

    /// <summary>One of the five bidang, pressed.</summary>
    public static bool TryField(Answer a, out ProposalField field)
    {
        field = default;
        return a.ChoiceId is { } id && id.StartsWith("field:", StringComparison.Ordinal) && Enum.TryParse(id[6..], out field) && Enum.IsDefined(field);
    }

    private static List<Choice> ConfirmChoices(Turn turn) => [new Choice("confirm:save", turn.T("Button.Save")), new Choice("batal", turn.T("Button.Cancel"))];

    private static Task Say(Turn turn, string key)
    {
        turn.Say(turn.T(key));
        return Task.CompletedTask;
    }
}

/// <summary>What the proposal commands share: whose groups, and how a proposal reads.</summary>
public static class Proposals
{
    /// <summary>Groups whose proposals she may read: her own, and those of the villages she oversees.</summary>
    public static async Task<List<Group>> GroupsAsync(Turn turn, CancellationToken ct)
    {
        var caller = turn.Caller;
        var own = caller.Memberships.Select(m => m.GroupId).ToList();
        var villages = caller.FacilitatorVillageIds;
        return await turn.Db.Groups.Include(g => g.Village)
            .Where(g => g.DeletedUtc == null && (caller.IsAdmin || own.Contains(g.Id) || villages.Contains(g.VillageId)))
            .OrderBy(g => g.Name).ThenBy(g => g.Id).ToListAsync(ct);
    }

    /// <summary>A group's proposals of a year, in its order of priority (withdrawn ones last; one joined into another shows as that one).</summary>
    public static async Task<List<(Proposal Proposal, int Priority)>> OfGroupAsync(GroupBotDb db, long groupId, int year, CancellationToken ct)
    {
        var rows = await db.ProposalGroups.Where(x => x.GroupId == groupId)
            .Join(db.Set<Proposal>().Where(p => p.Year == year && p.Status != ProposalStatus.Joined), x => x.ProposalId, p => p.Id, (x, p) => new { p, x.Priority })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.p.Status == ProposalStatus.Withdrawn).ThenBy(r => r.Priority).ThenBy(r => r.p.Id).Select(r => (r.p, r.Priority))];
    }

    /// <summary>The group's places in its order of a year, for the proposals that count (not withdrawn, not joined into another), first first.</summary>
    public static async Task<List<ProposalGroup>> OrderAsync(GroupBotDb db, long groupId, int year, CancellationToken ct) =>
        await db.ProposalGroups.Where(x => x.GroupId == groupId
                && db.Set<Proposal>().Any(p => p.Id == x.ProposalId && p.Year == year && p.Status != ProposalStatus.Withdrawn && p.Status != ProposalStatus.Joined))
            .OrderBy(x => x.Priority).ThenBy(x => x.ProposalId).ToListAsync(ct);

    /// <summary>How many proposals of a year count in the group's order.</summary>
    public static async Task<int> CountingAsync(GroupBotDb db, long groupId, int year, CancellationToken ct) =>
        (await OrderAsync(db, groupId, year, ct)).Count;

    /// <summary>The group's order of a year numbered 1, 2, 3 … again after a proposal left it (withdrawn, left, joined into another).</summary>
    public static async Task CloseUpAsync(GroupBotDb db, long groupId, int year, CancellationToken ct) =>
        Number(await OrderAsync(db, groupId, year, ct), gapAt: null);

    /// <summary>The group's order of a year numbered 1, 2, 3 … with <paramref name="priority"/> left free for a new proposal.</summary>
    public static async Task MakeRoomAsync(GroupBotDb db, long groupId, int year, int priority, CancellationToken ct) =>
        Number(await OrderAsync(db, groupId, year, ct), gapAt: priority);

    /// <summary>Puts <paramref name="p"/> at <paramref name="priority"/> in the group's order; the others close up around it (1, 2, 3 … again).</summary>
    public static async Task MoveInOrderAsync(GroupBotDb db, long groupId, Proposal p, int priority, CancellationToken ct)
    {
        var order = await OrderAsync(db, groupId, p.Year, ct);
        var moved = order.Single(x => x.ProposalId == p.Id);
        order.Remove(moved);
        order.Insert(Math.Clamp(priority - 1, 0, order.Count), moved);
        Number(order, gapAt: null);
    }

    /// <summary>1, 2, 3 … in list order, skipping <paramref name="gapAt"/> when given.</summary>
    private static void Number(List<ProposalGroup> order, int? gapAt)
    {
        for (var i = 0; i < order.Count; i++)
        {
            order[i].Priority = gapAt is { } gap && i + 1 >= gap ? i + 2 : i + 1;
        }
    }

    /// <summary>
    /// The group's proposals of the two years before that are still on their way: in the RKP or the
    /// DU-RKP, or budgeted and not yet done (the work happens the year after it is planned).
    /// </summary>
    public static async Task<List<Proposal>> UnderWayAsync(GroupBotDb db, long groupId, int thisYear, CancellationToken ct)
    {
        var rows = await db.ProposalGroups.Where(x => x.GroupId == groupId)
            .Join(db.Set<Proposal>().Where(p => p.Year < thisYear && p.Year >= thisYear - 2
                    && (p.Status == ProposalStatus.InWorkPlan || p.Status == ProposalStatus.InLongList || p.Status == ProposalStatus.InBudget)),
                x => x.ProposalId, p => p.Id, (x, p) => new { p, x.Priority })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.p.Year).ThenBy(r => r.Priority).ThenBy(r => r.p.Id).Select(r => r.p)];
    }

    /// <summary>"Mawar, Melati": the groups carrying a proposal, by name.</summary>
    public static async Task<string> GroupNamesAsync(GroupBotDb db, long proposalId, CancellationToken ct) =>
        string.Join(", ", (await db.ProposalGroups.Where(x => x.ProposalId == proposalId).Select(x => x.Group!.Name).ToListAsync(ct)).Order(StringComparer.OrdinalIgnoreCase));

    /// <summary>"1. Sumur bor Jorong Koto (Pembangunan), Rp 45.000.000: diusulkan".</summary>
    public static string Line(Turn turn, Proposal p, int priority) =>
        turn.T("Proposal.Line", priority, p.Title, turn.T($"Proposal.Field.{p.Field}"), Rupiah.Format(p.EstimatedCost), Status(turn, p));

    /// <summary>The status as people say it, with what goes with it (the amount budgeted, the reason).</summary>
    public static string Status(Turn turn, Proposal p) => p.Status switch
    {
        ProposalStatus.InBudget or ProposalStatus.Done when p.BudgetedAmount is { } amount => turn.T($"Proposal.Status.{p.Status}.Amount", Rupiah.Format(amount)),
        ProposalStatus.Rejected or ProposalStatus.NotDiscussed when p.Reason is { } reason => turn.T($"Proposal.Status.{p.Status}.Reason", reason),
        _ => turn.T($"Proposal.Status.{p.Status}"),
    };
}

/// <summary>"usulan status": an officer or facilitator records what became of a proposal.</summary>
public sealed class ProposalStatusCommand(ProposalStatusFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("proposals.status", ["usulan status", "proposals status", "proposal status"], Audience.Officer, "Menu.ProposalStatus");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "usulan status", flow, g => new ProposalStatusFlow.Draft { GroupId = g.Id }, ct);
}

/// <summary>Which proposal, its new status (only those that can follow), then what that status needs: the event, the amount, the reason or the photo.</summary>
public sealed class ProposalStatusFlow : Flow<ProposalStatusFlow.Draft>
{
    public sealed class Draft
    {
        public long GroupId { get; set; }
        public long ProposalId { get; set; }
        public ProposalStatus To { get; set; }
    }

    public override string Name => "proposals.status";
    public override string FirstStep => "proposal";
    public override string HelpKey => "Help.ProposalStatus";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["proposal"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var choices = await ProposalChoicesAsync(turn, d, ct);
                turn.Say(turn.T(choices.Count == 0 ? "Proposal.NothingToMove" : "Proposal.AskWhich"), choices);
            },
            Answer = async (turn, d, a, ct) =>
            {
                var open = await MovableAsync(turn, d, ct);
                var picked = open.FirstOrDefault(p => a.Value == $"proposal:{p.Id}");
                if (picked is null)
                {
                    return open.Count == 0 ? Next.Done : Next.Retry(turn.T("Proposal.WhichRetry"), await ProposalChoicesAsync(turn, d, ct));
                }

                d.ProposalId = picked.Id;
                return Next.GoTo("status");
            },
        },
        ["status"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var p = await ProposalAsync(turn, d, ct);
                turn.Say(turn.T("Proposal.AskStatus", p?.Title, p is null ? "" : Proposals.Status(turn, p)), p is null ? [] : StatusChoices(turn, p));
            },
            Answer = async (turn, d, a, ct) =>
            {
                var p = await ProposalAsync(turn, d, ct);
                if (p is null)
                {
                    turn.Say(turn.T("Proposal.Gone"));
                    return Next.Done;
                }

                if (a.ChoiceId is not { } id || !id.StartsWith("to:", StringComparison.Ordinal) || !Enum.TryParse<ProposalStatus>(id[3..], out var to) || !p.Next.Contains(to))
                {
                    return Next.Retry(turn.T("Proposal.StatusRetry"), StatusChoices(turn, p));
                }

                d.To = to;
                if (to == ProposalStatus.Withdrawn)
                {
                    // A joint proposal: she takes it back for her group only.
                    await turn.Db.Entry(p).Collection(x => x.Groups).LoadAsync(ct);
                }

                return to switch
                {
                    ProposalStatus.Discussed => Next.GoTo("event"),
                    ProposalStatus.InBudget => Next.GoTo("amount"),
                    ProposalStatus.Rejected or ProposalStatus.NotDiscussed => Next.GoTo("reason"),
                    ProposalStatus.Done => Next.GoTo("photo"),
                    _ => await SaveAsync(turn, d, p, x => Move(x, to, d.GroupId, turn), ct),
                };
            },
        },
        ["event"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var events = await EventChoicesAsync(turn, d, ct);
                turn.Say(turn.T(events.Count == 0 ? "Proposal.NoEvent" : "Proposal.AskEvent"), events);
            },
            Answer = async (turn, d, a, ct) =>
            {
                var p = await ProposalAsync(turn, d, ct);
                var events = await EventsAsync(turn, d, ct);
                var e = events.FirstOrDefault(x => a.Value == $"event:{x.Id}");
                if (p is null || e is null)
                {
                    return p is null ? Gone(turn) : Next.Retry(turn.T("Proposal.EventRetry"), await EventChoicesAsync(turn, d, ct));
                }

                return await SaveAsync(turn, d, p, x => x.Discuss(e.Id, turn.Caller.Person!.Id, turn.Clock.UtcNow), ct);
            },
        },
        ["amount"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Proposal.AskAmount"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                var problem = Rupiah.Parse(a.Text, out var amount);
                if (problem != AmountProblem.None || amount == 0)
                {
                    return Next.Retry(turn.T(problem == AmountProblem.None ? "Proposal.AmountZero" : $"Amount.{problem}"));
                }

                var p = await ProposalAsync(turn, d, ct);
                return p is null ? Gone(turn) : await SaveAsync(turn, d, p, x => x.Budget(amount, turn.Caller.Person!.Id, turn.Clock.UtcNow), ct);
            },
        },
        ["reason"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Proposal.AskReason"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (!CommonSteps.TryShortText(a.Text, Proposal.MaxReasonLength, out var reason))
                {
                    return Next.Retry(turn.T("Proposal.ReasonRetry"));
                }

                var p = await ProposalAsync(turn, d, ct);
                var by = turn.Caller.Person!.Id;
                return p is null ? Gone(turn) : await SaveAsync(turn, d, p, x =>
                {
                    if (d.To == ProposalStatus.Rejected)
                    {
                        x.Reject(reason, null, by, turn.Clock.UtcNow);
                    }
                    else
                    {
                        x.LeaveOut(reason, null, by, turn.Clock.UtcNow);
                    }
                }, ct);
            },
        },
        ["photo"] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Proposal.AskPhoto"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (a.Photo is not { } photo)
                {
                    return Next.Retry(turn.T("Proposal.PhotoRetry"));
                }

                var p = await ProposalAsync(turn, d, ct);
                return p is null ? Gone(turn) : await SaveAsync(turn, d, p, x => x.Complete(photo.FileReference, turn.Caller.Person!.Id, turn.Clock.UtcNow), ct);
            },
        },
    };

    private static void Move(Proposal p, ProposalStatus to, long groupId, Turn turn)
    {
        var by = turn.Caller.Person!.Id;
        var now = turn.Clock.UtcNow;
        switch (to)
        {
            case ProposalStatus.InWorkPlan:
                p.PutInWorkPlan(by, now);
                break;
            case ProposalStatus.InLongList:
                p.PutInLongList(by, now);
                break;
            case ProposalStatus.Withdrawn when p.Groups.Count > 1:
                p.Leave(groupId, by, now);
                break;
            case ProposalStatus.Withdrawn:
                p.Withdraw(by, now);
                break;
            default:
                throw new InvalidOperationException($"{to} needs more than a button");
        }
    }

    private static async Task<Next> SaveAsync(Turn turn, Draft d, Proposal p, Action<Proposal> move, CancellationToken ct)
    {
        move(p);
        await turn.Db.SaveChangesAsync(ct);
        if (d.To == ProposalStatus.Withdrawn)
        {
            await Proposals.CloseUpAsync(turn.Db, d.GroupId, p.Year, ct);
            await turn.Db.SaveChangesAsync(ct);
        }

        var left = d.To == ProposalStatus.Withdrawn && p.Status != ProposalStatus.Withdrawn;
        turn.Audit(left ? "leave" : "status", "proposal", p.Id, left ? $"group {d.GroupId}" : p.Status.ToString());
        turn.Say(left ? turn.T("Proposal.Left", p.Title) : turn.T("Proposal.Moved", p.Title, Proposals.Status(turn, p)), [new Choice($"usulan #{d.GroupId}", turn.T("Button.Proposals"))]);
        return Next.Done;
    }

    private static Next Gone(Turn turn)
    {
        turn.Say(turn.T("Proposal.Gone"));
        return Next.Done;
    }

    /// <summary>This year's proposals of the group that can still move, in its order, then earlier ones still on their way through the RKP and the budget.</summary>
    private static async Task<List<Proposal>> MovableAsync(Turn turn, Draft d, CancellationToken ct) =>
        [
            .. (await Proposals.OfGroupAsync(turn.Db, d.GroupId, turn.Clock.Today.Year, ct)).Select(x => x.Proposal).Where(p => p.Next.Count > 0),
            .. await Proposals.UnderWayAsync(turn.Db, d.GroupId, turn.Clock.Today.Year, ct),
        ];

    private static async Task<Proposal?> ProposalAsync(Turn turn, Draft d, CancellationToken ct) =>
        (await MovableAsync(turn, d, ct)).FirstOrDefault(p => p.Id == d.ProposalId);

    private static async Task<List<Choice>> ProposalChoicesAsync(Turn turn, Draft d, CancellationToken ct) =>
        [.. (await MovableAsync(turn, d, ct)).Take(GroupRefs.MaxPickChoices).Select(p => new Choice($"proposal:{p.Id}", p.Title))];

    private static List<Choice> StatusChoices(Turn turn, Proposal p) =>
        [.. p.Next.Select(s => new Choice($"to:{s}", turn.T($"Proposal.To.{s}")))];

    /// <summary>The village's events of this year that were not cancelled, the latest first (it was most likely discussed at the last one).</summary>
    private static async Task<List<PlanningEvent>> EventsAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var villageId = await turn.Db.Groups.Where(g => g.Id == d.GroupId).Select(g => g.VillageId).SingleAsync(ct);
        var year = turn.Clock.Today.Year;
        return await turn.Db.PlanningEvents.Where(e => e.VillageId == villageId && e.CancelledUtc == null && e.Date.Year == year)
            .OrderByDescending(e => e.Date).Take(GroupRefs.MaxPickChoices).ToListAsync(ct);
    }

    private static async Task<List<Choice>> EventChoicesAsync(Turn turn, Draft d, CancellationToken ct) =>
        [.. (await EventsAsync(turn, d, ct)).Select(e => Calendar.Choice(turn, e))];
}
