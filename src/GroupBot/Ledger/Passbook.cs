using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Reminders;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Ledger;

/// <summary>A member's passbook, as she reads it or her leader reads it aloud.</summary>
public static class Passbook
{
    public static string Text(Turn turn, GroupBook book, MemberBook m)
    {
        var sb = new StringBuilder(turn.T("Book.Title", m.Name, book.GroupName, book.Cycle.Number, Format.Date(turn.Language, book.Cycle.Start)));
        sb.Append('\n').Append(turn.T("Book.Shares", m.Shares, Rupiah.Format(m.Savings)));
        sb.Append('\n').Append(turn.T("Book.Social", Rupiah.Format(m.Social), Rupiah.Format(m.Fines)));
        if (m.Loan is { } loan)
        {
            var next = LedgerMath.Next(loan, m.LoanRepaid);
            sb.Append('\n').Append(turn.T("Book.Loan", Rupiah.Format(m.LoanBalance),
                next is { } n ? turn.T("Loan.NextInstallment", Rupiah.Format(n.Left), Format.Date(turn.Language, n.Installment.Due)) : string.Empty));
            if (LedgerMath.Arrears(loan, m.LoanRepaid, turn.Clock.Today) is { } late)
            {
                sb.Append('\n').Append(turn.T("Book.Late", Rupiah.Format(late.Amount), Format.Date(turn.Language, late.Since)));
            }
        }
        else
        {
            sb.Append('\n').Append(turn.T("Book.NoLoan"));
        }

        if (m.Pending is { } pending)
        {
            sb.Append('\n').Append(turn.T("Book.Pending", Rupiah.Format(pending.Principal)));
        }

        var projected = book.Projection().First(l => l.PersonId == m.PersonId);
        sb.Append('\n').Append(turn.T("Book.Projected", Rupiah.Format(projected.Payout)));
        return sb.ToString();
    }

    /// <summary>The one group of hers a passbook command is about: her groups that keep a ledger (asking which, if several).</summary>
    public static async Task<(Group Group, string Args, GroupBook Book)?> FindAsync(Turn turn, string args, string words, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, words, ct, Enum.GetValues<MemberRole>(), matchName: false) is not (var group, var rest))
        {
            return null;
        }

        if (await LedgerBooks.LoadAsync(turn.Db, group.Id, ct) is not { } book)
        {
            turn.Say(turn.T("Ledger.NotKept", group.Name));
            return null;
        }

        return (group, rest, book);
    }
}

/// <summary>"tabunganku" / "mysavings": her own passbook.</summary>
public sealed class MySavingsCommand : ICommand
{
    public CommandInfo Info { get; } = new("ledger.mysavings", ["tabunganku", "mysavings", "my savings", "tabungan saya"], Audience.Member, "Menu.MySavings");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await Passbook.FindAsync(turn, args, "tabunganku", ct) is not var (_, _, book))
        {
            return;
        }

        turn.Say(book.Of(turn.Caller.Person!.Id) is { } me ? Passbook.Text(turn, book, me) : turn.T("Book.NotInGroup"));
    }
}

/// <summary>"buku Siti" / "book Siti": a leader reads a member's passbook (for members without a phone); a member only her own.</summary>
public sealed class BookCommand : ICommand
{
    public CommandInfo Info { get; } = new("ledger.book", ["buku", "book"], Audience.Member, "Menu.Book");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await Passbook.FindAsync(turn, args, "buku", ct) is not var (group, rest, book))
        {
            return;
        }

        var name = Words.Clean(rest);
        var me = turn.Caller.Person!.Id;
        var own = book.Of(me);
        if (name.Length == 0 || (own is not null && string.Equals(own.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            if (own is not null)
            {
                turn.Say(Passbook.Text(turn, book, own));
                return;
            }

            name = string.Empty;
        }

        if (!turn.Caller.CanLead(group))
        {
            turn.Say(turn.T("Book.OnlyOwn"));
            return;
        }

        var found = book.Members.Where(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (found.Count == 0 && name.Length > 0)
        {
            found = [.. book.Members.Where(m => m.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase))];
        }

        if (found.Count == 1)
        {
            turn.Say(Passbook.Text(turn, book, found[0]));
            return;
        }

        turn.Say(turn.T(name.Length == 0 ? "Book.Which" : "Book.NoSuchMember", name),
            [.. (found.Count > 1 ? found : book.Members).Take(GroupRefs.MaxPickChoices).Select(m => new Choice($"buku #{group.Id} {m.Name}", m.Name))]);
    }
}

/// <summary>"tunggakan" / "arrears": the members behind on a repayment, how much and since when, for a group's officers and its facilitators.</summary>
public sealed class ArrearsCommand(LocalClock clock) : ICommand
{
    public CommandInfo Info { get; } = new("ledger.arrears", ["tunggakan", "arrears"], Audience.Officer, "Menu.Arrears");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var groups = await GroupRefs.LeadableAsync(turn, ct);
        var books = await LedgerBooks.LoadAsync(turn.Db, [.. groups.Select(g => g.Id)], ct);
        var named = args.Trim();
        var shown = groups.Where(g => books.ContainsKey(g.Id)
            && (named.Length == 0 || string.Equals(g.Name, named, StringComparison.OrdinalIgnoreCase) || string.Equals(g.Village?.Name, named, StringComparison.OrdinalIgnoreCase)
                || named == $"#{g.Id}")).ToList();
        if (shown.Count == 0)
        {
            turn.Say(turn.T("Ledger.NoneKept"));
            return;
        }

        var today = clock.Today;
        var text = new StringBuilder(turn.T("Arrears.Title", Format.Date(turn.Language, today)));
        foreach (var g in shown)
        {
            var late = books[g.Id].Late(today);
            text.Append("\n\n").Append(GroupRefs.Label(g)).Append(": ");
            text.Append(late.Count == 0 ? turn.T("Arrears.None") : turn.T("Arrears.Total", Rupiah.Format(late.Sum(l => l.Amount)), late.Count));
            foreach (var (m, amount, since) in late)
            {
                text.Append("\n• ").Append(turn.T("Arrears.Line", m.Name, Rupiah.Format(amount), today.DayNumber - since.DayNumber, Rupiah.Format(m.LoanBalance)));
            }
        }

        foreach (var part in Words.SplitAtLines(text.ToString(), Words.MaxReportPart))
        {
            turn.Say(part);
        }
    }
}

/// <summary>Each morning: a reminder to every borrower whose installment falls due in <see cref="DaysBefore"/> days. Once each (delivery key per installment).</summary>
public sealed class LoanReminders(GroupBotDb db, LocalClock clock, Texts texts, Broadcast broadcast, ILogger<LoanReminders> logger)
{
    public const int DaysBefore = 2;

    public async Task<int> SendAsync(DateOnly today, CancellationToken ct)
    {
        if (clock.Today != today)
        {
            logger.LogInformation("Dropped loan reminders of {Date}: fired a day late", today);
            return 0;
        }

        var groups = await db.Loans.Where(l => l.Status == LoanStatus.Active).Select(l => l.GroupId).Distinct().ToListAsync(ct);
        var books = await LedgerBooks.LoadAsync(db, groups, ct);
        var due = today.AddDays(DaysBefore);
        var reminders = books.Values.SelectMany(b => b.Members.Where(m => m.Loan is not null).Select(m => (Book: b, Member: m, Next: LedgerMath.Next(m.Loan!, m.LoanRepaid))))
            .Where(x => x.Next is { } n && n.Installment.Due == due).ToList();
        var people = reminders.Select(r => r.Member.PersonId).ToList();
        var languages = await db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Language, ct);
        var queued = await broadcast.SendAsync(db, [.. reminders.Select(r => new Recipient.Person(r.Member.PersonId, languages[r.Member.PersonId]))],
            r => $"loan-due:{reminders.First(x => x.Member.PersonId == r.PersonId).Member.Loan!.Id}:{reminders.First(x => x.Member.PersonId == r.PersonId).Next!.Value.Installment.Number}",
            r =>
            {
                var x = reminders.First(x => x.Member.PersonId == r.PersonId);
                return new OutgoingMessage
                {
                    Text = texts.Get(r.Language, "Loan.Reminder", Rupiah.Format(x.Next!.Value.Left), Format.Date(r.Language, due), x.Book.GroupName, Rupiah.Format(x.Member.LoanBalance)),
                    Choices = [new Choice("tabunganku", texts.Get(r.Language, "Button.MySavings"))],
                };
            }, ct);
        logger.LogInformation("Loan reminders of {Date}: {Count} queued", today, queued);
        return queued;
    }
}

/// <summary>The daily job: one call to <see cref="LoanReminders.SendAsync"/>.</summary>
public sealed class LoanReminderJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<LoanReminderJob> logger) : ScopedJob<LoanReminders>(scopes, clock, logger)
{
    protected override Task RunAsync(LoanReminders reminders, JobDataMap data, Fired fired, CancellationToken ct) => reminders.SendAsync(fired.LocalDate, ct);
}

/// <summary>Writes the daily loan-reminder job at start and hourly, at Reminders:FollowUpAt (the morning).</summary>
public sealed class LoanSchedule(JobSchedule jobs, IOptions<ReminderOptions> options) : IScheduleSync
{
    public async Task<int> SyncAsync(CancellationToken ct) =>
        await jobs.EveryAsync<LoanReminderJob>("loan-reminders", options.Value.FollowUpAt, day: null, ct) ? 1 : 0;
}
