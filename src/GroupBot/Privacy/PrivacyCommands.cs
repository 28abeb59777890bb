using System.Text;
using GroupBot.Attendance;
using GroupBot.Business;
using GroupBot.Chat;
using GroupBot.Ledger;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Savings;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Privacy;

/// <summary>"dataku": everything GroupBot keeps about the person (UU 27/2022, the right to access).</summary>
public sealed class MyDataCommand : ICommand
{
    public CommandInfo Info { get; } = new("privacy.mydata", ["dataku", "mydata", "data saya"], Audience.Joined, "Menu.MyData");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var db = turn.Db;
        var person = turn.Caller.Person!;
        var identities = await db.ChatIdentities.Where(i => i.PersonId == person.Id).Select(i => i.Channel).ToListAsync(ct);
        var groups = await db.Memberships.Where(m => m.PersonId == person.Id).Select(m => new { m.Group!.Name, m.Role }).ToListAsync(ct);
        var attendance = await db.Attendance.CountAsync(a => a.PersonId == person.Id, ct);
        var written = await db.SavingsReports.CountAsync(r => r.ReportedByPersonId == person.Id, ct)
            + await db.BusinessReports.CountAsync(r => r.ReportedByPersonId == person.Id, ct) + await db.Minutes.CountAsync(m => m.WrittenByPersonId == person.Id, ct);
        var sb = new StringBuilder(turn.T("Privacy.Title"));
        sb.Append('\n').Append(turn.T("Privacy.Name", person.Name));
        sb.Append('\n').Append(turn.T("Privacy.Phone", person.Phone is null ? "-" : Phone.Display(person.Phone)));
        sb.Append('\n').Append(turn.T("Privacy.Chats", string.Join(", ", identities)));
        sb.Append('\n').Append(turn.T("Privacy.Groups", groups.Count == 0 ? "-" : string.Join(", ", groups.Select(g => $"{g.Name} ({turn.T($"Role.{g.Role}")})"))));
        sb.Append('\n').Append(turn.T("Privacy.Records", attendance, written));
        var lines = await db.LedgerLines.CountAsync(l => l.PersonId == person.Id, ct);
        var loans = await db.Loans.CountAsync(l => l.PersonId == person.Id, ct);
        if (lines + loans > 0)
        {
            sb.Append('\n').Append(turn.T("Privacy.Ledger", lines, loans));
        }
        sb.Append('\n').Append(turn.T("Privacy.Consent", person.ConsentUtc is { } at ? Format.Date(turn.Language, DateOnly.FromDateTime(turn.Clock.ToLocal(at))) : "-"));
        sb.Append('\n').Append(turn.T("Privacy.Why"));
        turn.Say(sb.ToString(), [new Choice("hapus data", turn.T("Button.DeleteMyData"))]);
    }
}

/// <summary>
/// "hapus data": after a confirmation, her name, phone and chat accounts are deleted and her
/// messages redacted. Group figures stay: attendance and reports keep an anonymous person.
/// </summary>
public sealed class DeleteMyDataCommand : ICommand
{
    private const string Confirm = "ya";

    public CommandInfo Info { get; } = new("privacy.delete", ["hapus data", "delete my data", "delete data"], Audience.Joined, "Menu.DeleteMyData");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (Words.Fold(args) != Confirm)
        {
            turn.Say(turn.T("Privacy.DeleteConfirm"), [new Choice($"hapus data {Confirm}", turn.T("Button.YesDeleteMyData")), new Choice("bantuan", turn.T("Button.No"))]);
            return;
        }

        var db = turn.Db;
        var person = turn.Caller.Person!;
        var identities = await db.ChatIdentities.Where(i => i.PersonId == person.Id).ToListAsync(ct);
        foreach (var identity in identities)
        {
            var key = $"{identity.Channel}:{identity.Address}";
            // Her messages and what was sent to her carry her name and words: redact them.
            await db.Inbox.Where(e => e.ChatKey == key && e.ProcessedUtc != null).ExecuteUpdateAsync(u => u.SetProperty(e => e.PayloadJson, "{}"), ct);
            // Nothing queued goes out any more (this reply is written after, and still reaches her).
            await OutboxMessage.ForgetChatAsync(db, identity.Channel, identity.Address, ct);
            await db.Conversations.Where(c => c.Channel == identity.Channel && c.UserId == identity.Address).ExecuteDeleteAsync(ct);
        }

        db.ChatIdentities.RemoveRange(identities);
        person.ErasePersonalData(turn.T("Privacy.Anonymous"), turn.Clock.UtcNow);
        turn.Audit("delete-personal-data", "person", person.Id);
        turn.Say(turn.T("Privacy.Deleted"));
    }
}
