using System.Globalization;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Planning;

/// <summary>"usulan ubah": an officer changes one part of a proposal not yet discussed (or its place in the group's order).</summary>
public sealed class EditProposalCommand(EditProposalFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("proposals.edit", ["usulan ubah", "proposals change", "proposals edit", "proposal change"], Audience.Officer, "Menu.ProposalEdit");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "usulan ubah", flow, g => new EditProposalFlow.Draft { GroupId = g.Id }, ct);
}

/// <summary>Which proposal, which part (buttons), the new value; saved at once, kept in its history.</summary>
public sealed class EditProposalFlow : Flow<EditProposalFlow.Draft>
{
    public static readonly string[] Parts = ["title", "field", "location", "cost", "beneficiaries", "priority"];

    public sealed class Draft
    {
        public long GroupId { get; set; }
        public long ProposalId { get; set; }
        public string? Part { get; set; }
    }

    public override string Name => "proposals.edit";
    public override string FirstStep => "proposal";
    public override string HelpKey => "Help.ProposalEdit";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["proposal"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var open = await EditableAsync(turn, d, ct);
                turn.Say(turn.T(open.Count == 0 ? "Proposal.NothingToEdit" : "Proposal.AskWhich"), Choices(open));
            },
            Answer = async (turn, d, a, ct) =>
            {
                var open = await EditableAsync(turn, d, ct);
                var picked = open.FirstOrDefault(p => a.Value == $"proposal:{p.Id}");
                if (picked is null)
                {
                    return open.Count == 0 ? Next.Done : Next.Retry(turn.T("Proposal.WhichRetry"), Choices(open));
                }

                d.ProposalId = picked.Id;
                return Next.GoTo("part");
            },
        },
        ["part"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var p = await ProposalAsync(turn, d, ct);
                turn.Say(turn.T("Proposal.AskPart", p?.Title), PartChoices(turn));
            },
            Answer = (turn, d, a, ct) =>
            {
                var part = a.ChoiceId is { } id && id.StartsWith("part:", StringComparison.Ordinal) ? id[5..] : null;
                if (part is null || !Parts.Contains(part))
                {
                    return Task.FromResult(Next.Retry(turn.T("Proposal.PartRetry"), PartChoices(turn)));
                }

                d.Part = part;
                return Task.FromResult(Next.GoTo("value"));
            },
        },
        ["value"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                switch (d.Part)
                {
                    case "field":
                        turn.Say(turn.T("Proposal.AskField"), ProposalFlow.FieldChoices(turn));
                        break;
                    case "priority":
                        var count = await CountingAsync(turn, d, ct);
                        turn.Say(turn.T("Proposal.AskNewPriority", count), ProposalFlow.PriorityChoices(count - 1));
                        break;
                    default:
                        turn.Say(turn.T(Ask(d.Part)));
                        break;
                }
            },
            Answer = async (turn, d, a, ct) =>
            {
                var p = await ProposalAsync(turn, d, ct);
                if (p is null)
                {
                    turn.Say(turn.T("Proposal.Gone"));
                    return Next.Done;
                }

                var by = turn.Caller.Person!.Id;
                var now = turn.Clock.UtcNow;
                switch (d.Part)
                {
                    case "title" or "location" or "beneficiaries":
                        var max = d.Part switch { "title" => Proposal.MaxTitleLength, "location" => Proposal.MaxLocationLength, _ => Proposal.MaxBeneficiariesLength };
                        if (!CommonSteps.TryShortText(a.Text, max, out var text))
                        {
                            return Next.Retry(turn.T(Retry(d.Part)));
                        }

                        p.Edit(by, now, title: d.Part == "title" ? text : null, location: d.Part == "location" ? text : null, beneficiaries: d.Part == "beneficiaries" ? text : null);
                        break;
                    case "field":
                        if (!ProposalFlow.TryField(a, out var field))
                        {
                            return Next.Retry(turn.T("Proposal.FieldRetry"), ProposalFlow.FieldChoices(turn));
                        }

                        p.Edit(by, now, field: field);
                        break;
                    case "cost":
                        var problem = Rupiah.Parse(a.Text, out var cost);
                        if (problem != AmountProblem.None)
                        {
                            return Next.Retry(turn.T($"Amount.{problem}"));
                        }

                        p.Edit(by, now, estimatedCost: cost);
                        break;
                    default:
                        var count = await CountingAsync(turn, d, ct);
                        if (!ProposalFlow.TryPriority(a, count, out var priority))
                        {
                            return Next.Retry(turn.T("Proposal.PriorityRetry", count), ProposalFlow.PriorityChoices(count - 1));
                        }

                        await Proposals.MoveInOrderAsync(turn.Db, d.GroupId, p, priority, ct);
                        p.Edit(by, now);
                        break;
                }

                await turn.Db.SaveChangesAsync(ct);
                turn.Audit("edit", "proposal", p.Id, d.Part!);
                var groups = await Proposals.GroupNamesAsync(turn.Db, p.Id, ct);
                turn.Say(groups.Contains(',', StringComparison.Ordinal) ? turn.T("Proposal.EditedJoint", p.Title, groups) : turn.T("Proposal.Edited", p.Title),
                    [new Choice($"usulan #{d.GroupId}", turn.T("Button.Proposals"))]);
                return Next.Done;
            },
        },
    };

    private static string Ask(string? part) => part switch
    {
        "title" => "Proposal.AskTitle",
        "location" => "Proposal.AskLocation",
        "cost" => "Proposal.AskCost",
        _ => "Proposal.AskBeneficiaries",
    };

    private static string Retry(string? part) => part switch
    {
        "title" => "Proposal.TitleRetry",
        "location" => "Proposal.LocationRetry",
        _ => "Proposal.BeneficiariesRetry",
    };

    private static List<Choice> PartChoices(Turn turn) => [.. Parts.Select(p => new Choice($"part:{p}", turn.T($"Proposal.Part.{p}")))];

    private static List<Choice> Choices(List<Proposal> open) => [.. open.Take(GroupRefs.MaxPickChoices).Select(p => new Choice($"proposal:{p.Id}", p.Title))];

    /// <summary>This year's proposals of the group not yet discussed, in its order.</summary>
    private static async Task<List<Proposal>> EditableAsync(Turn turn, Draft d, CancellationToken ct) =>
        [.. (await Proposals.OfGroupAsync(turn.Db, d.GroupId, turn.Clock.Today.Year, ct)).Select(x => x.Proposal).Where(p => p.IsOpen)];

    private static async Task<Proposal?> ProposalAsync(Turn turn, Draft d, CancellationToken ct) =>
        (await EditableAsync(turn, d, ct)).FirstOrDefault(p => p.Id == d.ProposalId);

    private static Task<int> CountingAsync(Turn turn, Draft d, CancellationToken ct) => Proposals.CountingAsync(turn.Db, d.GroupId, turn.Clock.Today.Year, ct);
}

/// <summary>
/// "usulan gabung": at a rembuk perempuan, a facilitator joins proposals of several groups of one
/// village into one that all of them carry (each group keeps it in its own list and order).
/// </summary>
public sealed class JoinProposalsCommand(JoinProposalsFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("proposals.join", ["usulan gabung", "proposals join", "proposal join"], Audience.Facilitator, "Menu.ProposalJoin");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        Calendar.StartForVillageAsync(turn, named: args, flow, id => new JoinProposalsFlow.Draft { VillageId = id }, "keep", ct);
}

/// <summary>The village, the proposal that stays, then one by one the ones joined into it (each saved as it is picked).</summary>
public sealed class JoinProposalsFlow : Flow<JoinProposalsFlow.Draft>
{
    public sealed class Draft
    {
        public long VillageId { get; set; }
        public long KeepId { get; set; }
    }

    public override string Name => "proposals.join";
    public override string FirstStep => "village";
    public override string HelpKey => "Help.ProposalJoin";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["village"] = Calendar.VillageStep<Draft>((d, id) => d.VillageId = id, "keep"),
        ["keep"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var open = await OpenAsync(turn, d, ct);
                if (!Joinable(open))
                {
                    turn.Say(turn.T("Proposal.NothingToJoin"));
                    return;
                }

                turn.Say(turn.T("Proposal.AskKeep"), Choices(open, except: 0));
            },
            Answer = async (turn, d, a, ct) =>
            {
                var open = await OpenAsync(turn, d, ct);
                if (!Joinable(open))
                {
                    return Next.Done;
                }

                var picked = open.FirstOrDefault(x => a.Value == $"proposal:{x.Proposal.Id}");
                if (picked is null)
                {
                    return Next.Retry(turn.T("Proposal.WhichRetry"), Choices(open, except: 0));
                }

                d.KeepId = picked.Proposal.Id;
                return Next.GoTo("join");
            },
        },
        ["join"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var open = await OpenAsync(turn, d, ct);
                var keep = open.FirstOrDefault(x => x.Proposal.Id == d.KeepId);
                turn.Say(turn.T("Proposal.AskJoin", keep?.Proposal.Title), [.. Choices(open, except: d.KeepId), new Choice("done", turn.T("Button.Done"))]);
            },
            Answer = async (turn, d, a, ct) =>
            {
                var open = await OpenAsync(turn, d, ct);
                var keep = open.FirstOrDefault(x => x.Proposal.Id == d.KeepId);
                if (keep is null)
                {
                    turn.Say(turn.T("Proposal.Gone"));
                    return Next.Done;
                }

                if (a.Value is "done" or "selesai" or "sudah")
                {
                    return Done(turn, keep.Proposal, keep.Groups);
                }

                var other = open.FirstOrDefault(x => x.Proposal.Id != d.KeepId && a.Value == $"proposal:{x.Proposal.Id}" && keep.Proposal.CanAbsorb(x.Proposal));
                if (other is null)
                {
                    return Next.Retry(turn.T("Proposal.JoinRetry"), [.. Choices(open, except: d.KeepId), new Choice("done", turn.T("Button.Done"))]);
                }

                keep.Proposal.Absorb(other.Proposal, turn.Caller.Person!.Id, turn.Clock.UtcNow);
                await turn.Db.SaveChangesAsync(ct);
                foreach (var g in other.Proposal.Groups)
                {
                    await Proposals.CloseUpAsync(turn.Db, g.GroupId, keep.Proposal.Year, ct);
                }

                await turn.Db.SaveChangesAsync(ct);
                turn.Audit("join", "proposal", keep.Proposal.Id, $"#{other.Proposal.Id}");
                var names = await Proposals.GroupNamesAsync(turn.Db, keep.Proposal.Id, ct);
                turn.Say(turn.T("Proposal.JoinedOne", other.Proposal.Title, keep.Proposal.Title, names));
                // The joined one is no longer open and its groups carry the kept one now: what is left to join follows from the list in hand.
                return Choices(open, d.KeepId).Count > 0 ? Next.GoTo("join") : Done(turn, keep.Proposal, names);
            },
        },
    };

    private static Next Done(Turn turn, Proposal keep, string names)
    {
        turn.Say(turn.T("Proposal.JoinDone", keep.Title, names));
        return Next.Done;
    }

    private sealed record Open(Proposal Proposal, string Groups);

    /// <summary>At least two proposals of different groups, not yet discussed.</summary>
    private static bool Joinable(List<Open> open) => open.Any(a => open.Any(b => a.Proposal.CanAbsorb(b.Proposal)));

    /// <summary>The village's proposals of this year not yet discussed, with the groups carrying each.</summary>
    private static async Task<List<Open>> OpenAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var year = turn.Clock.Today.Year;
        var rows = await turn.Db.Proposals.Include(p => p.Groups).ThenInclude(g => g.Group)
            .Where(p => p.VillageId == d.VillageId && p.Year == year && p.Status == ProposalStatus.Proposed)
            .OrderBy(p => p.Id).ToListAsync(ct);
        return [.. rows.Select(p => new Open(p, string.Join(", ", p.Groups.Select(g => g.Group?.Name).Order(StringComparer.OrdinalIgnoreCase))))];
    }

    /// <summary>The proposals to pick; once one is kept, only those of groups not yet carrying it (a group's own two proposals are not joined).</summary>
    private static List<Choice> Choices(List<Open> open, long except)
    {
        var keep = open.FirstOrDefault(x => x.Proposal.Id == except)?.Proposal;
        return [.. open.Where(x => x.Proposal.Id != except && (keep is null || keep.CanAbsorb(x.Proposal))).Take(GroupRefs.MaxPickChoices)
            .Select(x => new Choice($"proposal:{x.Proposal.Id}", $"{x.Proposal.Title} ({x.Groups})"))];
    }
}

/// <summary>
/// "usulan lanjut": a proposal that did not reach the budget goes into the next cycle in one step,
/// for every group that carried it (it keeps its history; the new one says where it came from).
/// </summary>
public sealed class CarryProposalsCommand(CarryProposalsFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("proposals.carry", ["usulan lanjut", "proposals carry", "proposal carry"], Audience.Officer, "Menu.ProposalCarry");

    public Task RunAsync(Turn turn, string args, CancellationToken ct) =>
        GroupRefs.StartForGroupAsync(turn, args, "usulan lanjut", flow, g => new CarryProposalsFlow.Draft { GroupId = g.Id }, ct);
}

/// <summary>One button per proposal that can go on (and "all"); each is carried as it is picked.</summary>
public sealed class CarryProposalsFlow : Flow<CarryProposalsFlow.Draft>
{
    public sealed class Draft
    {
        public long GroupId { get; set; }
    }

    public override string Name => "proposals.carry";
    public override string FirstStep => "pick";
    public override string HelpKey => "Help.ProposalCarry";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        ["pick"] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var open = await CarryableAsync(turn, d, ct);
                turn.Say(turn.T(open.Count == 0 ? "Proposal.NothingToCarry" : "Proposal.AskCarry"), Choices(turn, open));
            },
            Answer = async (turn, d, a, ct) =>
            {
                var open = await CarryableAsync(turn, d, ct);
                if (open.Count == 0)
                {
                    return Next.Done;
                }

                var picked = a.Value is "all" or "semua" ? open : [.. open.Where(p => a.Value == $"proposal:{p.Id}")];
                if (picked.Count == 0)
                {
                    return Next.Retry(turn.T("Proposal.CarryRetry"), Choices(turn, open));
                }

                // Carried ones go to the end of each group's order for their new year, one after another.
                var places = new Dictionary<(long Group, int Year), int>();
                foreach (var p in picked)
                {
                    var next = p.CarryToNextYear(turn.Caller.Person!.Id, turn.Clock.UtcNow);
                    foreach (var g in next.Groups)
                    {
                        var key = (g.GroupId, next.Year);
                        places[key] = g.Priority = (places.TryGetValue(key, out var last) ? last : await Proposals.CountingAsync(turn.Db, g.GroupId, next.Year, ct)) + 1;
                    }

                    turn.Db.Proposals.Add(next);
                }

                await turn.Db.SaveChangesAsync(ct);
                foreach (var p in picked)
                {
                    turn.Audit("carry", "proposal", p.Id, (p.Year + 1).ToString(CultureInfo.InvariantCulture));
                }

                var carried = string.Join("\n", picked.GroupBy(p => p.Year + 1).OrderBy(y => y.Key).Select(y => turn.T("Proposal.Carried", string.Join(", ", y.Select(p => p.Title)), y.Key)));
                var left = open.Count - picked.Count;
                turn.Say(carried, left > 0 ? [] : [new Choice($"usulan #{d.GroupId}", turn.T("Button.Proposals"))]);
                return left > 0 ? Next.GoTo("pick") : Next.Done;
            },
        },
    };

    private static List<Choice> Choices(Turn turn, List<Proposal> open) =>
        open.Count == 0 ? [] :
        [
            .. open.Take(GroupRefs.MaxPickChoices - 1).Select(p => new Choice($"proposal:{p.Id}", $"{p.Title} ({p.Year})")),
            .. open.Count > 1 ? [new Choice("all", turn.T("Button.CarryAll"))] : Array.Empty<Choice>(),
        ];

    /// <summary>
    /// Last year's proposals that can go on, and this year's that ended without a place (rejected, not
    /// discussed), none of them carried yet.
    /// </summary>
    private static async Task<List<Proposal>> CarryableAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var year = turn.Clock.Today.Year;
        var rows = await turn.Db.Proposals.Include(p => p.Groups)
            .Where(p => p.Groups.Any(g => g.GroupId == d.GroupId)
                && (p.Year == year - 1 || (p.Year == year && (p.Status == ProposalStatus.Rejected || p.Status == ProposalStatus.NotDiscussed)))
                && !turn.Db.Set<Proposal>().Any(x => x.CarriedFromId == p.Id))
            .ToListAsync(ct);
        return [.. rows.Where(p => p.CanCarry).OrderBy(p => p.Year).ThenBy(p => p.Groups.First(g => g.GroupId == d.GroupId).Priority).ThenBy(p => p.Id)];
    }
}
