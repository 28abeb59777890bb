using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;

/// <summary>
/// "bagi hasil" / "shareout": what each member would get if the cycle were shared out today (a
/// member sees her own; officers and facilitators the group's sheet). From a week before the cycle
/// ends an officer can ask for the share-out itself; a second officer approves it.
/// </summary>
public sealed class ShareOutCommand(ShareOuts shareOuts, LocalClock clock) : ICommand
{
    public CommandInfo Info { get; } = new("ledger.shareout", ["bagi hasil", "shareout", "share out", "share-out"], Audience.Joined, "Menu.ShareOut");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "bagi hasil", ct, Enum.GetValues<MemberRole>()) is not (var group, var rest))
        {
            return;
        }

        if (await LedgerBooks.LoadAsync(turn.Db, group.Id, ct) is not { } book)
        {
            turn.Say(turn.T("Ledger.NotKept", group.Name));
            return;
        }

        var leads = turn.Caller.CanLead(group);
        if (leads && Words.Fold(rest) is "ajukan" or "request")
        {
            await shareOuts.RequestAsync(turn, group, book, ct);
            return;
        }

        var lines = book.Projection();
        if (!leads)
        {
            var mine = lines.FirstOrDefault(l => l.PersonId == turn.Caller.Person!.Id);
            turn.Say(turn.T("ShareOut.Own", Rupiah.Format(mine?.Payout ?? 0), mine?.Shares ?? 0, book.TotalShares, Rupiah.Format(mine?.LoanDeducted ?? 0),
                Format.Date(turn.Language, book.Cycle.End)));
            return;
        }

        var parts = Words.SplitAtLines(ShareOuts.Sheet(turn, book, lines, clock.Today), Words.MaxReportPart);
        for (var i = 0; i < parts.Count; i++)
        {
            turn.Say(parts[i], i == parts.Count - 1 ? [new Choice($"bagi hasil #{group.Id} ajukan", turn.T("Button.AskShareOut"))] : null);
        }
    }
}

public sealed class ShareOuts(Broadcast broadcast, Texts texts, ApprovalRequests requests)
{
    /// <summary>How early, before the cycle's last day, the share-out can be asked for (its last meetings).</summary>
    public const int DaysBeforeEnd = 7;

    /// <summary>The sheet: the pool and where it comes from, the value of a share, a line per member.</summary>
    public static string Sheet(Turn turn, GroupBook book, IReadOnlyList<ShareOutLine> lines, DateOnly today)
    {
        var sb = new StringBuilder(turn.T("ShareOut.Title", book.GroupName, book.Cycle.Number, Format.Date(turn.Language, today), Format.Date(turn.Language, book.Cycle.End)));
        sb.Append('\n').Append(turn.T("ShareOut.Pool", Rupiah.Format(book.Savings), Rupiah.Format(book.Pool - book.Savings), Rupiah.Format(book.Pool), Rupiah.Format(book.SocialBalance)));
        if (book.TotalShares > 0)
        {
            sb.Append('\n').Append(turn.T("ShareOut.PerShare", Rupiah.Format(book.Pool / book.TotalShares), book.TotalShares, book.ReturnPercent ?? 0));
        }

        foreach (var (m, l) in book.Members.Zip(lines).Where(x => x.First.Shares > 0 || x.First.LoanBalance > 0))
        {
            sb.Append("\n• ").Append(l.LoanDeducted > 0
                ? turn.T("ShareOut.LineLoan", m.Name, l.Shares, Rupiah.Format(l.Gross), Rupiah.Format(l.LoanDeducted), Rupiah.Format(l.Payout))
                : turn.T("ShareOut.Line", m.Name, l.Shares, Rupiah.Format(l.Payout)));
        }

        return sb.ToString();
    }

    /// <summary>Asks for the share-out: from a week before the cycle ends, when every debt fits in its payout and no loan is waiting.</summary>
    public async Task RequestAsync(Turn turn, Group group, GroupBook book, CancellationToken ct)
    {
        var db = turn.Db;
        var today = turn.Clock.Today;
        if (today < book.Cycle.End.AddDays(-DaysBeforeEnd))
        {
            turn.Say(turn.T("ShareOut.TooEarly", Format.Date(turn.Language, book.Cycle.End.AddDays(-DaysBeforeEnd)), Format.Date(turn.Language, book.Cycle.End)));
            return;
        }

        if (book.TotalShares == 0)
        {
            turn.Say(turn.T("ShareOut.NoShares"));
            return;
        }

        if (book.Members.Any(m => m.Pending is not null))
        {
            turn.Say(turn.T("ShareOut.LoanPending"));
            return;
        }

        var lines = book.Projection();
        var short_ = book.Members.Zip(lines).Where(x => x.First.LoanBalance > x.Second.LoanDeducted).Select(x => x.First.Name).ToList();
        if (short_.Count > 0)
        {
            turn.Say(turn.T("ShareOut.DebtOverShare", string.Join(", ", short_)));
            return;
        }

        var open = await db.ShareOuts.Where(s => s.CycleId == book.Cycle.Id && s.PaidUtc == null).Select(s => s.Id).ToListAsync(ct);
        if (await db.Approvals.AnyAsync(a => a.Kind == ApprovalKind.ShareOut && open.Contains(a.SubjectId) && a.State == ApprovalState.Pending, ct))
        {
            turn.Say(turn.T("Approval.AlreadyAsked"));
            return;
        }

        var shareOut = new ShareOut
        {
            GroupId = group.Id,
            CycleId = book.Cycle.Id,
            Pool = book.Pool,
            SocialFund = book.SocialBalance,
            TotalShares = book.TotalShares,
            RequestedByPersonId = turn.Caller.Person!.Id,
            CreatedUtc = turn.Clock.UtcNow,
        };
        if ((await ApprovalRequests.SecondKeysAsync(db, group.Id, turn.Caller.Person!.Id, null, ct)).Count == 0)
        {
            turn.Say(turn.T("Approval.NoOtherOfficer"));
            return;
        }

        shareOut.Lines.AddRange(lines.Where(l => l.Shares > 0 || l.LoanDeducted > 0));
        db.ShareOuts.Add(shareOut);
        await db.SaveChangesAsync(ct);
        turn.Audit("shareout-request", "share_out", shareOut.Id, $"pool {shareOut.Pool} shares {shareOut.TotalShares}");
        await requests.RequestAsync(turn, ApprovalKind.ShareOut, group.Id, shareOut.Id,
            (t, language) => t.Get(language, "Approval.ShareOut", turn.Caller.Person.Name, group.Name, Rupiah.Format(shareOut.Pool), shareOut.Lines.Count), ct);
        turn.Say(turn.T("ShareOut.Requested", Rupiah.Format(shareOut.Pool), shareOut.Lines.Count));
    }

    /// <summary>
    /// The second key. Approved: only if the figures are still those that were asked for; then every
    /// member hears her amount, loans are settled from the payouts, the cycle closes and the next
    /// opens with the same rules and the social fund carried over.
    /// </summary>
    public async Task<Decision?> DecideAsync(Turn turn, Approval approval, Group group, bool approve, CancellationToken ct)
    {
        var db = turn.Db;
        var shareOut = await db.ShareOuts.Include(s => s.Lines).SingleAsync(s => s.Id == approval.SubjectId, ct);
        if (!approve)
        {
            return new(turn.T("ShareOut.Rejected"), Approved: false);
        }

        var book = await LedgerBooks.LoadAsync(db, group.Id, ct);
        var now = book?.Projection().Where(l => l.Shares > 0 || l.LoanDeducted > 0).Select(l => (l.PersonId, l.Payout, l.LoanDeducted)).ToList();
        if (book is null || book.Cycle.Id != shareOut.CycleId || book.Pool != shareOut.Pool
            || !now!.SequenceEqual(shareOut.Lines.OrderBy(l => l.Id).Select(l => (l.PersonId, l.Payout, l.LoanDeducted))))
        {
            // A meeting or a loan came in since it was asked: this request ends, and a new one shows the new figures.
            return new(turn.T("ShareOut.Changed"), Approved: false);
        }

        if (book.Members.Any(m => m.Pending is not null))
        {
            turn.Say(turn.T("ShareOut.LoanPending"));
            return null;
        }

        var today = turn.Clock.Today;
        foreach (var loan in await db.Loans.Where(l => l.CycleId == book.Cycle.Id && l.Status == LoanStatus.Active).ToListAsync(ct))
        {
            loan.SettledAtShareOut = shareOut.Lines.First(l => l.PersonId == loan.PersonId).LoanDeducted;
            loan.Status = LoanStatus.Repaid;
            loan.ClosedUtc = turn.Clock.UtcNow;
        }

        shareOut.PaidUtc = turn.Clock.UtcNow;
        var cycle = await db.LedgerCycles.SingleAsync(c => c.Id == shareOut.CycleId, ct);
        cycle.ClosedUtc = turn.Clock.UtcNow;
        // The next cycle starts at the group's next meeting.
        var days = ((int)group.MeetingDay - (int)today.DayOfWeek + 7) % 7;
        var start = today.AddDays(days == 0 ? 7 : days);
        var next = cycle.Next(start, book.SocialBalance, turn.Caller.Person!.Id, turn.Clock.UtcNow);
        db.LedgerCycles.Add(next);
        group.StartCycle(start);
        await db.SaveChangesAsync(ct);
        turn.Audit("shareout-paid", "share_out", shareOut.Id, $"pool {shareOut.Pool}; cycle {next.Number} from {start:yyyy-MM-dd}");

        var people = shareOut.Lines.Select(l => l.PersonId).ToList();
        var languages = await db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Language, ct);
        await broadcast.SendAsync(db, [.. shareOut.Lines.Where(l => languages.ContainsKey(l.PersonId)).Select(l => new Recipient.Person(l.PersonId, languages[l.PersonId]))],
            r => $"shareout:{shareOut.Id}:p{r.PersonId}",
            r =>
            {
                var line = shareOut.Lines.First(l => l.PersonId == r.PersonId);
                return new OutgoingMessage
                {
                    Text = texts.Get(r.Language, line.LoanDeducted > 0 ? "ShareOut.ToMemberLoan" : "ShareOut.ToMember", group.Name, cycle.Number,
                        Rupiah.Format(line.Payout), line.Shares, Rupiah.Format(line.LoanDeducted), Format.Date(r.Language, start)),
                };
            }, ct);
        return new(turn.T("ShareOut.Approved", Rupiah.Format(shareOut.Pool), shareOut.Lines.Count, next.Number, Format.Date(turn.Language, start), Rupiah.Format(next.SocialCarried)), Approved: true);
    }
}
