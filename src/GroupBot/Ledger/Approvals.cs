using System.Globalization;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;

/// <summary>Sends a request for the second key, with its two buttons, to the group's other officers.</summary>
public sealed class ApprovalRequests(Broadcast broadcast, Texts texts)
{
    /// <summary>The officers who could be the second key: the group's leader, treasurer and secretary but the one asking and the borrower.</summary>
    public static Task<List<long>> SecondKeysAsync(GroupBotDb db, long groupId, long requester, long? borrower, CancellationToken ct) =>
        db.Memberships.Where(m => m.GroupId == groupId && m.Role != MemberRole.Member && m.PersonId != requester && m.PersonId != borrower)
            .Select(m => m.PersonId).ToListAsync(ct);

    /// <summary>Records the request and sends it to every officer who could approve it (not the one asking, not the borrower).</summary>
    public async Task RequestAsync(Turn turn, ApprovalKind kind, long groupId, long subjectId, Func<Texts, string, string> text, CancellationToken ct, long? borrower = null)
    {
        var db = turn.Db;
        var me = turn.Caller.Person!.Id;
        var approval = new Approval { GroupId = groupId, Kind = kind, SubjectId = subjectId, RequestedByPersonId = me, RequestedUtc = turn.Clock.UtcNow };
        db.Approvals.Add(approval);
        await db.SaveChangesAsync(ct);
        turn.Audit("approval-request", "approval", approval.Id, $"{kind} {subjectId}");
        var keys = await SecondKeysAsync(db, groupId, me, borrower, ct);
        var officers = await db.People.Where(p => keys.Contains(p.Id)).Select(p => new { PersonId = p.Id, p.Language }).ToListAsync(ct);
        var sent = await broadcast.SendAsync(db, [.. officers.Select(o => new Recipient.Person(o.PersonId, o.Language))], r => $"approval:{approval.Id}:p{r.PersonId}",
            r => new OutgoingMessage
            {
                Text = text(texts, r.Language),
                Choices =
                [
                    new Choice(string.Create(CultureInfo.InvariantCulture, $"setujui {approval.Id}"), texts.Get(r.Language, "Button.Approve")),
                    new Choice(string.Create(CultureInfo.InvariantCulture, $"tolak {approval.Id}"), texts.Get(r.Language, "Button.Reject")),
                ],
            }, ct);
        if (sent == 0)
        {
            turn.Say(turn.T("Approval.NoOtherOfficer"));
        }
    }
}

/// <summary>
/// The two-key rule. A loan, a write-off and a share-out are asked for by one officer and wait,
/// changing no balance, until another officer of the group (leader, treasurer or secretary, not
/// the one who asked) presses Setujui; Tolak ends them. Each is decided once.
/// </summary>
public sealed class Approvals(Broadcast broadcast, Texts texts, ShareOuts shareOuts, ApprovalRequests requests)
{
    /// <summary>"pinjaman hapus Siti": asks to write off what is left of her loan.</summary>
    public async Task AskWriteOffAsync(Turn turn, Group group, GroupBook book, string name, CancellationToken ct)
    {
        var m = book.Members.FirstOrDefault(x => string.Equals(x.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (m?.Loan is not { } loan)
        {
            turn.Say(turn.T("Loan.WriteOffWho"), [.. book.Members.Where(x => x.Loan is not null).Take(GroupRefs.MaxPickChoices)
                .Select(x => new Choice($"pinjaman #{group.Id} hapus {x.Name}", x.Name))]);
            return;
        }

        if (await turn.Db.Approvals.AnyAsync(a => a.Kind == ApprovalKind.WriteOff && a.SubjectId == loan.Id && a.State == ApprovalState.Pending, ct))
        {
            turn.Say(turn.T("Approval.AlreadyAsked"));
            return;
        }

        if ((await ApprovalRequests.SecondKeysAsync(turn.Db, group.Id, turn.Caller.Person!.Id, m.PersonId, ct)).Count == 0)
        {
            turn.Say(turn.T("Approval.NoOtherOfficer"));
            return;
        }

        await requests.RequestAsync(turn, ApprovalKind.WriteOff, group.Id, loan.Id,
            (t, language) => t.Get(language, "Approval.WriteOff", turn.Caller.Person.Name, m.Name, Rupiah.Format(m.LoanBalance), group.Name), ct, borrower: m.PersonId);
        turn.Audit("writeoff-request", "loan", loan.Id, $"balance {m.LoanBalance}");
        turn.Say(turn.T("Loan.WriteOffRequested", m.Name, Rupiah.Format(m.LoanBalance)));
    }

    /// <summary>An officer's decision. Says what happened; refuses the one who asked, anyone outside the group's officers, and a second decision.</summary>
    public async Task DecideAsync(Turn turn, string args, bool approve, CancellationToken ct)
    {
        var db = turn.Db;
        var approval = long.TryParse(args.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Approvals.SingleOrDefaultAsync(a => a.Id == id, ct)
            : null;
        var me = turn.Caller.Person!.Id;
        if (approval is null || !turn.Caller.Memberships.Any(m => m.GroupId == approval.GroupId && m.IsOfficer))
        {
            turn.Say(turn.T("Approval.NotYours"));
            return;
        }

        if (approval.State != ApprovalState.Pending)
        {
            var by = await db.People.Where(p => p.Id == approval.DecidedByPersonId).Select(p => p.Name).FirstOrDefaultAsync(ct);
            turn.Say(turn.T(approval.State == ApprovalState.Approved ? "Approval.ApprovedAlready" : "Approval.RejectedAlready", by));
            return;
        }

        if (approve && approval.RequestedByPersonId == me)
        {
            turn.Say(turn.T("Approval.OwnRequest"));
            return;
        }

        if (approve && approval.Kind is ApprovalKind.Loan or ApprovalKind.WriteOff
            && await db.Loans.AnyAsync(l => l.Id == approval.SubjectId && l.PersonId == me, ct))
        {
            // The borrower is never the second key on her own loan, officer or not.
            turn.Say(turn.T("Approval.OwnLoan"));
            return;
        }

        var group = await db.Groups.SingleAsync(g => g.Id == approval.GroupId, ct);
        var outcome = approval.Kind switch
        {
            ApprovalKind.Loan => await LoanAsync(turn, approval, group, approve, ct),
            ApprovalKind.WriteOff => await WriteOffAsync(turn, approval, approve, ct),
            _ => await shareOuts.DecideAsync(turn, approval, group, approve, ct),
        };
        if (outcome is null)
        {
            return;
        }

        // An approval can still end as a refusal: the figures changed, the cycle closed. Then it lapsed, nobody refused it.
        var lapsed = approve && !outcome.Approved;
        approve = outcome.Approved;
        approval.Decide(approve, me, turn.Clock.UtcNow);
        await db.SaveChangesAsync(ct);
        turn.Audit(approve ? "approval-approve" : lapsed ? "approval-lapsed" : "approval-reject", "approval", approval.Id, $"{approval.Kind} {approval.SubjectId}");
        turn.Say(outcome.Text);

        // The one who asked hears the decision (unless she took her own request back).
        if (approval.RequestedByPersonId == me)
        {
            return;
        }

        var requester = await db.People.Where(p => p.Id == approval.RequestedByPersonId).Select(p => new { p.Id, p.Language }).SingleAsync(ct);
        var name = turn.Caller.Person.Name;
        await broadcast.SendAsync(db, [new Recipient.Person(requester.Id, requester.Language)], r => $"approval-decided:{approval.Id}",
            r => new OutgoingMessage
            {
                Text = lapsed ? texts.Get(r.Language, "Approval.ToRequesterLapsed", texts.Get(r.Language, $"Approval.Kind.{approval.Kind}"), outcome.Text)
                    : texts.Get(r.Language, approve ? "Approval.ToRequesterApproved" : "Approval.ToRequesterRejected", name, texts.Get(r.Language, $"Approval.Kind.{approval.Kind}")),
            }, ct);
    }

    /// <summary>A loan approved: checked again against the cash on hand, then handed over today; the borrower gets her schedule.</summary>
    private async Task<Decision?> LoanAsync(Turn turn, Approval approval, Group group, bool approve, CancellationToken ct)
    {
        var db = turn.Db;
        var loan = await db.Loans.SingleAsync(l => l.Id == approval.SubjectId, ct);
        var borrower = await db.People.SingleAsync(p => p.Id == loan.PersonId, ct);
        var book = await LedgerBooks.LoadAsync(db, group.Id, ct);
        if (!approve || book?.Cycle.Id != loan.CycleId)
        {
            // Refused, or asked in a cycle that has been shared out since: it never leaves the box.
            loan.Status = LoanStatus.Rejected;
            loan.ClosedUtc = turn.Clock.UtcNow;
            return new(turn.T(approve ? "Approval.LoanCycleClosed" : "Approval.LoanRejected", borrower.Name, Rupiah.Format(loan.Principal)), Approved: false);
        }

        var available = await LoanFlow.AvailableAsync(db, book, ct, leaving: loan.Id);
        if (loan.Principal > available)
        {
            turn.Say(turn.T("Approval.LoanNoCash", Rupiah.Format(loan.Principal), Rupiah.Format(available)));
            return null;
        }

        loan.Status = LoanStatus.Active;
        loan.StartDate = turn.Clock.Today;
        var first = LedgerMath.Schedule(loan)[0];
        await broadcast.SendAsync(db, [new Recipient.Person(borrower.Id, borrower.Language)], r => $"loan-approved:{loan.Id}",
            r => new OutgoingMessage
            {
                Text = texts.Get(r.Language, "Loan.ToBorrower", Rupiah.Format(loan.Principal), group.Name, Rupiah.Format(loan.TotalDue), loan.TermMonths,
                    Rupiah.Format(first.Amount), Format.Date(r.Language, first.Due)),
            }, ct);
        return new(turn.T("Approval.LoanApproved", borrower.Name, Rupiah.Format(loan.Principal)), Approved: true);
    }

    private static async Task<Decision?> WriteOffAsync(Turn turn, Approval approval, bool approve, CancellationToken ct)
    {
        var db = turn.Db;
        var loan = await db.Loans.SingleAsync(l => l.Id == approval.SubjectId, ct);
        var name = await db.People.Where(p => p.Id == loan.PersonId).Select(p => p.Name).SingleAsync(ct);
        if (!approve)
        {
            return new(turn.T("Approval.WriteOffRejected", name), Approved: false);
        }

        var book = await LedgerBooks.LoadAsync(db, loan.GroupId, ct);
        if (loan.Status != LoanStatus.Active || book?.Cycle.Id != loan.CycleId || book.Of(loan.PersonId) is not { } m)
        {
            // Repaid or settled meanwhile: nothing to write off, and the request ends.
            return new(turn.T("Approval.WriteOffGone", name), Approved: false);
        }

        loan.Status = LoanStatus.WrittenOff;
        loan.WrittenOff = m.LoanBalance;
        loan.ClosedUtc = turn.Clock.UtcNow;
        return new(turn.T("Approval.WrittenOff", name, Rupiah.Format(m.LoanBalance)), Approved: true);
    }
}

/// <summary>What a decision came to: the reply, and whether it stands as approved (an approval can end as a refusal).</summary>
public sealed record Decision(string Text, bool Approved);

/// <summary>"setujui N" / "approve N": the second officer's key.</summary>
public sealed class ApproveCommand(Approvals approvals) : ICommand
{
    public CommandInfo Info { get; } = new("ledger.approve", ["setujui", "approve"], Audience.Officer, null);

    public Task RunAsync(Turn turn, string args, CancellationToken ct) => approvals.DecideAsync(turn, args, approve: true, ct);
}

/// <summary>"tolak N" / "reject N".</summary>
public sealed class RejectCommand(Approvals approvals) : ICommand
{
    public CommandInfo Info { get; } = new("ledger.reject", ["tolak", "reject"], Audience.Officer, null);

    public Task RunAsync(Turn turn, string args, CancellationToken ct) => approvals.DecideAsync(turn, args, approve: false, ct);
}
