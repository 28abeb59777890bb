using System.Globalization;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Savings;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;

/// <summary>
/// "pinjaman" / "loan": for an officer, a new loan (member, amount, term; checked against her cap,
/// the cash on hand and the first-loan meeting), waiting for a second officer; "pinjaman hapus
/// Siti" asks to write a loan off. For a member, her own loan and its schedule.
/// </summary>
public sealed class LoanCommand(LoanFlow flow, Approvals approvals) : ICommand
{
    public CommandInfo Info { get; } = new("ledger.loan", ["pinjaman", "loan"], Audience.Joined, "Menu.Loan");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "pinjaman", ct, Enum.GetValues<MemberRole>(), matchName: false) is not (var group, var rest))
        {
            return;
        }

        if (await LedgerBooks.LoadAsync(turn.Db, group.Id, ct) is not { } book)
        {
            turn.Say(turn.T("Ledger.NotKept", group.Name));
            return;
        }

        if (!turn.Caller.CanLead(group))
        {
            turn.Say(Own(turn, book, book.Of(turn.Caller.Person!.Id)));
            return;
        }

        var (word, name) = Words.SplitCommand(rest);
        if (Words.Fold(word) is "hapus" or "writeoff" or "write-off")
        {
            await approvals.AskWriteOffAsync(turn, group, book, name, ct);
            return;
        }

        // Loans start at the N-th meeting: once it is entered, or on a later day than the (N−1)-th (before its entry).
        var meeting = book.MeetingsEntered + (book.LastEntry is { } last && last < turn.Clock.Today ? 1 : 0);
        if (meeting < book.Cycle.FirstLoanMeeting)
        {
            turn.Say(turn.T("Loan.TooEarly", book.Cycle.FirstLoanMeeting, book.MeetingsEntered));
            return;
        }

        var d = new LoanFlow.Draft { GroupId = group.Id, GroupName = group.Name, CycleId = book.Cycle.Id };
        var named = book.Members.Where(m => string.Equals(m.Name, rest.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 1)
        {
            var next = await LoanFlow.PickAsync(turn, d, book, named[0], ct);
            if (next.Kind == NextKind.GoTo)
            {
                turn.Start(flow, d, next.Step);
                return;
            }

            turn.Say(next.Message!);
        }

        turn.Start(flow, d);
    }

    /// <summary>A member's own loan: what is left, the next installment, or that she has none.</summary>
    public static string Own(Turn turn, GroupBook book, MemberBook? me)
    {
        if (me?.Pending is { } pending)
        {
            return turn.T("Loan.OwnPending", Rupiah.Format(pending.Principal), pending.TermMonths);
        }

        if (me?.Loan is not { } loan)
        {
            return turn.T("Loan.OwnNone", book.GroupName, Rupiah.Format(LoanFlow.Cap(book, me)), book.Cycle.LoanCapTimes);
        }

        var next = LedgerMath.Next(loan, me.LoanRepaid);
        return turn.T("Loan.Own", Rupiah.Format(loan.Principal), loan.TermMonths, LedgerMath.Percent(loan.InterestBasisPoints, Texts.Culture(turn.Language)),
            Rupiah.Format(me.LoanRepaid), Rupiah.Format(me.LoanBalance),
            next is { } n ? turn.T("Loan.NextInstallment", Rupiah.Format(n.Left), Format.Date(turn.Language, n.Installment.Due)) : string.Empty);
    }
}

public sealed class LoanFlow(ApprovalRequests requests) : Flow<LoanFlow.Draft>
{
    private const string MemberStep = "member";
    private const string AmountStep = "amount";
    private const string TermStep = "term";
    private const string ConfirmStep = "confirm";

    private static readonly int[] Terms = [1, 2, 3, 4, 6];

    public sealed class Draft
    {
        public long GroupId { get; set; }
        public string GroupName { get; set; } = string.Empty;
        public long CycleId { get; set; }
        public long PersonId { get; set; }
        public string Name { get; set; } = string.Empty;
        public long Cap { get; set; }
        public long Available { get; set; }
        public long Principal { get; set; }
        public int Term { get; set; }
        public int InterestBasisPoints { get; set; }
    }

    public override string Name => "ledger-loan";
    public override string FirstStep => MemberStep;
    public override string HelpKey => "Help.Loan";

    /// <summary>Her cap: so many times her savings this cycle.</summary>
    public static long Cap(GroupBook book, MemberBook? m) => (m?.Savings ?? 0) * book.Cycle.LoanCapTimes;

    /// <summary>
    /// Cash a new loan can come from: the box at the last count, less the social fund (never lent),
    /// loans handed over since, and loans waiting for approval.
    /// </summary>
    public static async Task<long> AvailableAsync(GroupBotDb db, GroupBook book, CancellationToken ct, long? leaving = null)
    {
        var box = await db.SavingsReports.Where(r => r.GroupId == book.Cycle.GroupId && r.Meeting!.Date >= book.Cycle.Start)
            .OrderByDescending(r => r.Meeting!.Date).ThenByDescending(r => r.Version).Select(r => (long?)r.CashBalance).FirstOrDefaultAsync(ct) ?? 0;
        var gone = await db.Loans.Where(l => l.CycleId == book.Cycle.Id && l.Id != leaving
                && (l.Status == LoanStatus.Pending || (l.Status != LoanStatus.Rejected && l.CountedMeetingId == null)))
            .SumAsync(l => l.Principal, ct);
        return Math.Max(0, box - book.SocialBalance - gone);
    }

    /// <summary>A borrower is picked: refused (a sentence) if she has a loan or nothing to borrow against.</summary>
    internal static async Task<Next> PickAsync(Turn turn, Draft d, GroupBook book, MemberBook m, CancellationToken ct)
    {
        if (m.Loan is not null || m.Pending is not null)
        {
            return Next.Retry(turn.T("Loan.HasLoan", m.Name), Borrowers(book));
        }

        d.PersonId = m.PersonId;
        d.Name = m.Name;
        d.Cap = Cap(book, m);
        d.Available = await AvailableAsync(turn.Db, book, ct);
        d.InterestBasisPoints = book.Cycle.InterestBasisPoints;
        return d.Cap == 0 ? Next.Retry(turn.T("Loan.NoSavings", m.Name, book.Cycle.LoanCapTimes), Borrowers(book))
            : d.Available == 0 ? Next.Retry(turn.T("Loan.NoCash"), Borrowers(book))
            : Next.GoTo(AmountStep);
    }

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        [MemberStep] = new()
        {
            Ask = async (turn, d, ct) =>
            {
                var book = (await LedgerBooks.LoadAsync(turn.Db, d.GroupId, ct))!;
                turn.Say(turn.T("Loan.AskMember", d.GroupName), Borrowers(book));
            },
            Answer = async (turn, d, a, ct) =>
            {
                var book = (await LedgerBooks.LoadAsync(turn.Db, d.GroupId, ct))!;
                var m = a.ChoiceId is { } id && id.StartsWith("person:", StringComparison.Ordinal) && long.TryParse(id[7..], CultureInfo.InvariantCulture, out var pid)
                    ? book.Of(pid)
                    : book.Members.FirstOrDefault(x => string.Equals(x.Name, Words.Clean(a.Text), StringComparison.OrdinalIgnoreCase));
                return m is null ? Next.Retry(turn.T("Loan.MemberRetry"), Borrowers(book)) : await PickAsync(turn, d, book, m, ct);
            },
        },
        [AmountStep] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Loan.AskAmount", d.Name, Rupiah.Format(Math.Min(d.Cap, d.Available)), Rupiah.Format(d.Cap), Rupiah.Format(d.Available)));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var problem = Rupiah.Parse(a.Text, out var amount);
                if (problem != AmountProblem.None)
                {
                    return Task.FromResult(Next.Retry(turn.T($"Amount.{problem}")));
                }

                if (amount <= 0 || amount > d.Cap)
                {
                    return Task.FromResult(Next.Retry(turn.T("Loan.OverCap", Rupiah.Format(d.Cap), d.Name)));
                }

                if (amount > d.Available)
                {
                    return Task.FromResult(Next.Retry(turn.T("Loan.OverCash", Rupiah.Format(d.Available))));
                }

                d.Principal = amount;
                return Task.FromResult(Next.GoTo(TermStep));
            },
        },
        [TermStep] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Loan.AskTerm"), TermChoices(turn));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var text = a.ChoiceId is { } id && id.StartsWith("term:", StringComparison.Ordinal) ? id[5..]
                    : Words.Fold(a.Text).Replace("bulan", string.Empty, StringComparison.Ordinal).Replace("months", string.Empty, StringComparison.Ordinal).Trim();
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var term) || term < 1 || term > 12)
                {
                    return Task.FromResult(Next.Retry(turn.T("Loan.TermRetry"), TermChoices(turn)));
                }

                d.Term = term;
                return Task.FromResult(Next.GoTo(ConfirmStep));
            },
        },
        [ConfirmStep] = new()
        {
            Ask = (turn, d, ct) =>
            {
                var total = LedgerMath.TotalDue(d.Principal, d.InterestBasisPoints, d.Term);
                var schedule = LedgerMath.Schedule(total, d.Term, turn.Clock.Today);
                turn.Say(turn.T("Loan.Summary", d.Name, Rupiah.Format(d.Principal), d.Term, LedgerMath.Percent(d.InterestBasisPoints, Texts.Culture(turn.Language)),
                        Rupiah.Format(total - d.Principal), Rupiah.Format(total), Rupiah.Format(schedule[0].Amount), Format.Date(turn.Language, schedule[0].Due)),
                    CommonSteps.SaveEditCancel(turn, "Button.AskApproval"));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                switch (a.Value)
                {
                    case "confirm:save" or "ajukan" or "simpan" or "ya" or "yes":
                        await SaveAsync(turn, d, ct);
                        return Next.Done;
                    case "confirm:edit" or "ubah" or "edit":
                        return Next.GoTo(AmountStep);
                    default:
                        return Next.Retry(turn.T("Report.SummaryRetry"), CommonSteps.SaveEditCancel(turn, "Button.AskApproval"));
                }
            },
        },
    };

    /// <summary>Members who may borrow now: no loan running or waiting, some savings.</summary>
    private static Choice[] Borrowers(GroupBook book) =>
        [.. book.Members.Where(m => m.Loan is null && m.Pending is null && m.Savings > 0).Take(GroupRefs.MaxPickChoices).Select(m => new Choice($"person:{m.PersonId}", m.Name))];

    private static Choice[] TermChoices(Turn turn) => [.. Terms.Select(t => new Choice($"term:{t}", turn.T("Button.Months", t)))];

    private async Task SaveAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        var book = await LedgerBooks.LoadAsync(db, d.GroupId, ct);
        if (book?.Cycle.Id != d.CycleId)
        {
            turn.Say(turn.T("Loan.CycleClosed"));
            return;
        }

        if (book.Of(d.PersonId) is not { Loan: null, Pending: null })
        {
            turn.Say(turn.T("Loan.HasLoan", d.Name));
            return;
        }

        if ((await ApprovalRequests.SecondKeysAsync(db, d.GroupId, turn.Caller.Person!.Id, d.PersonId, ct)).Count == 0)
        {
            // Nobody could approve it: asking would leave it waiting for ever.
            turn.Say(turn.T("Approval.NoOtherOfficer"));
            return;
        }

        // Checked again: another loan may have been asked for while she answered.
        var available = await AvailableAsync(db, book, ct);
        if (d.Principal > available)
        {
            turn.Say(turn.T("Loan.OverCash", Rupiah.Format(available)));
            return;
        }

        var loan = new Loan
        {
            GroupId = d.GroupId,
            CycleId = d.CycleId,
            PersonId = d.PersonId,
            Principal = d.Principal,
            InterestBasisPoints = d.InterestBasisPoints,
            TermMonths = d.Term,
            Status = LoanStatus.Pending,
            RequestedByPersonId = turn.Caller.Person!.Id,
            RequestedUtc = turn.Clock.UtcNow,
        };
        db.Loans.Add(loan);
        await db.SaveChangesAsync(ct);
        turn.Audit("loan-request", "loan", loan.Id, string.Create(CultureInfo.InvariantCulture, $"person {d.PersonId} {d.Principal} over {d.Term} months at {d.InterestBasisPoints}bp"));
        await requests.RequestAsync(turn, ApprovalKind.Loan, d.GroupId, loan.Id,
            (texts, language) => texts.Get(language, "Approval.Loan", turn.Caller.Person.Name, d.Name, Rupiah.Format(d.Principal), d.Term, d.GroupName), ct, borrower: d.PersonId);
        turn.Say(turn.T("Loan.Requested", d.Name, Rupiah.Format(d.Principal)));
    }
}
