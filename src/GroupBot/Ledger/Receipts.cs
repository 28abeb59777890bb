using System.Globalization;
using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;

/// <summary>The receipt each member gets after a meeting entry: what she paid, and where her book stands.</summary>
public static class Receipts
{
    public static OutgoingMessage Message(Texts texts, string language, GroupBook book, LedgerMeeting entry, LedgerLine line, string groupName, bool corrected)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var mine = book.Of(line.PersonId);
        var paid = new List<string>();
        if (line.Shares > 0)
        {
            paid.Add(T("Receipt.Shares", line.Shares, Rupiah.Format(line.Shares * book.Cycle.ShareValue)));
        }

        if (line.Repaid > 0)
        {
            paid.Add(T("Receipt.Repaid", Rupiah.Format(line.Repaid)));
        }

        if (line.Social > 0)
        {
            paid.Add(T("Receipt.Social", Rupiah.Format(line.Social)));
        }

        if (line.Fine > 0)
        {
            paid.Add(T("Receipt.Fine", Rupiah.Format(line.Fine)));
        }

        var text = new StringBuilder(T(corrected ? "Receipt.Corrected" : "Receipt.Title", groupName, Format.Date(language, entry.Date)));
        text.Append(' ').Append(paid.Count == 0 ? T(line.Present ? "Receipt.Nothing" : "Receipt.Absent") : T("Receipt.Today", string.Join(", ", paid)));
        text.Append(' ').Append(T("Receipt.Balance", Rupiah.Format(mine?.Savings ?? 0), Rupiah.Format(mine?.LoanBalance ?? 0)));
        text.Append('\n').Append(T("Receipt.WrongHint"));
        return new OutgoingMessage { Text = text.ToString(), Choices = [new Choice(string.Create(CultureInfo.InvariantCulture, $"salah {entry.Id}"), T("Button.Wrong"))] };
    }
}

/// <summary>
/// "salah" / "wrong": a member says her latest receipt is wrong. The flag goes to the group's
/// treasurer (its leader when it has none) and its facilitators, and stays in "perlu perhatian"
/// until a corrected entry changes her line or an officer marks it settled ("salah beres").
/// </summary>
public sealed class WrongReceiptCommand(Broadcast broadcast, Texts texts) : ICommand
{
    public CommandInfo Info { get; } = new("ledger.wrong", ["salah", "wrong"], Audience.Member, null);

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var db = turn.Db;
        var me = turn.Caller.Person!.Id;
        var groups = turn.Caller.Memberships.Select(m => m.GroupId).ToList();
        var entryId = long.TryParse(args.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        var entry = await db.LedgerMeetings.Where(m => groups.Contains(m.GroupId) && (entryId == null || m.Id == entryId)
                && m.Lines.Any(l => l.PersonId == me))
            .OrderByDescending(m => m.Date).ThenByDescending(m => m.Version).FirstOrDefaultAsync(ct);
        if (entry is null)
        {
            turn.Say(turn.T("Receipt.NoneToFlag"));
            return;
        }

        if (await db.ReceiptFlags.AnyAsync(f => f.LedgerMeetingId == entry.Id && f.PersonId == me, ct))
        {
            turn.Say(turn.T("Receipt.FlaggedAlready"));
            return;
        }

        var flag = new ReceiptFlag { GroupId = entry.GroupId, PersonId = me, LedgerMeetingId = entry.Id, CreatedUtc = turn.Clock.UtcNow };
        db.ReceiptFlags.Add(flag);
        await db.SaveChangesAsync(ct);
        turn.Audit("receipt-flag", "receipt_flag", flag.Id, $"ledger meeting {entry.Id}");

        var group = await db.Groups.SingleAsync(g => g.Id == entry.GroupId, ct);
        var treasurers = await db.Memberships.Where(m => m.GroupId == group.Id && m.Role == MemberRole.Treasurer).Select(m => m.PersonId).ToListAsync(ct);
        if (treasurers.Count == 0)
        {
            treasurers = await db.Memberships.Where(m => m.GroupId == group.Id && m.Role == MemberRole.Leader).Select(m => m.PersonId).ToListAsync(ct);
        }

        var facilitators = await db.FacilitatorAssignments.Where(f => f.VillageId == group.VillageId).Select(f => f.PersonId).ToListAsync(ct);
        var to = await db.People.Where(p => treasurers.Contains(p.Id) || facilitators.Contains(p.Id)).Select(p => new { p.Id, p.Language }).ToListAsync(ct);
        var name = turn.Caller.Person.Name;
        await broadcast.SendAsync(db, [.. to.Select(p => new Recipient.Person(p.Id, p.Language))], r => $"receipt-flag:{flag.Id}:p{r.PersonId}",
            r => new OutgoingMessage
            {
                Text = texts.Get(r.Language, "Receipt.FlagNotice", name, group.Name, Format.Date(r.Language, entry.Date)),
                Choices = [new Choice(string.Create(CultureInfo.InvariantCulture, $"salah beres {flag.Id}"), texts.Get(r.Language, "Button.Settled"))],
            }, ct);
        turn.Say(turn.T("Receipt.Flagged"));
    }
}

/// <summary>"salah beres N": an officer or facilitator settles a flagged receipt that needed no correction.</summary>
public sealed class SettleFlagCommand : ICommand
{
    public CommandInfo Info { get; } = new("ledger.wrong.settle", ["salah beres", "wrong settled"], Audience.Officer, null);

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var db = turn.Db;
        var flag = long.TryParse(args.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.ReceiptFlags.SingleOrDefaultAsync(f => f.Id == id, ct)
            : null;
        var group = flag is null ? null : await db.Groups.SingleAsync(g => g.Id == flag.GroupId, ct);
        if (flag is null || group is null || !turn.Caller.CanLead(group))
        {
            turn.Say(turn.T("Receipt.NoSuchFlag"));
            return;
        }

        if (flag.ResolvedUtc is not null)
        {
            turn.Say(turn.T("Receipt.SettledAlready"));
            return;
        }

        flag.ResolvedUtc = turn.Clock.UtcNow;
        flag.ResolvedByPersonId = turn.Caller.Person!.Id;
        await db.SaveChangesAsync(ct);
        turn.Audit("receipt-flag-settled", "receipt_flag", flag.Id);
        turn.Say(turn.T("Receipt.Settled"));
    }
}

/// <summary>Unsettled receipt flags per group, for "perlu perhatian".</summary>
public static class ReceiptFlags
{
    public static async Task<Dictionary<long, int>> OpenAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, CancellationToken ct) =>
        await db.ReceiptFlags.Where(f => groupIds.Contains(f.GroupId) && f.ResolvedUtc == null)
            .GroupBy(f => f.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
