using System.Globalization;
using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;


/// <summary>
/// "aturan" / "rules": the group's ledger rules for everyone in it; for its officers a button to
/// change them, or to start the member ledger at a cycle start.
/// </summary>
public sealed class RulesCommand(RulesFlow flow) : ICommand
{
    public CommandInfo Info { get; } = new("ledger.rules", ["aturan", "rules"], Audience.Joined, "Menu.Rules");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "aturan", ct, Enum.GetValues<MemberRole>()) is not (var group, var rest))
        {
            return;
        }

        var cycle = await LedgerBooks.CycleAsync(turn.Db, group.Id, ct);
        var leads = turn.Caller.CanLead(group);
        var change = Words.Fold(rest) is "ubah" or "change" or "mulai" or "start";
        if (change && leads)
        {
            // A running cycle: straight to what to change; a new ledger: every rule in turn.
            turn.Start(flow, RulesFlow.DraftFor(group, cycle, turn.Clock.Today), cycle is null ? null : RulesFlow.EditStep);
            return;
        }

        if (cycle is null)
        {
            turn.Say(turn.T("Rules.None", group.Name), leads ? [new Choice($"aturan #{group.Id} mulai", turn.T("Button.StartLedger"))] : null);
            return;
        }

        turn.Say(RulesFlow.Describe(turn, group.Name, cycle), leads ? [new Choice($"aturan #{group.Id} ubah", turn.T("Button.ChangeRules"))] : null);
    }
}

public sealed class RulesFlow : Flow<RulesFlow.Draft>
{
    private const string Share = "share";
    private const string Max = "max";
    private const string Social = "social";
    private const string Late = "late";
    private const string Absent = "absent";
    private const string Interest = "interest";
    private const string Cap = "cap";
    private const string FirstLoan = "first";
    private const string Start = "start";
    private const string Months = "months";
    private const string Summary = "summary";
    private const string Edit = "edit";

    public const string EditStep = Edit;

    /// <summary>The order the rules are asked in; the share value and the start are fixed once a cycle runs.</summary>
    private static readonly int[] Rates = [100, 150, 200, 300];

    private static readonly string[] Order = [Share, Max, Social, Late, Absent, Interest, Cap, FirstLoan, Start, Months];

    public sealed class Draft
    {
        public long GroupId { get; set; }
        public string GroupName { get; set; } = string.Empty;
        public bool Running { get; set; }
        public long ShareValue { get; set; } = 10_000;
        public int MaxShares { get; set; } = 5;
        public long SocialFund { get; set; } = 2_000;
        public long FineLate { get; set; } = 1_000;
        public long FineAbsent { get; set; } = 2_000;
        public int InterestBasisPoints { get; set; } = 200;
        public int LoanCapTimes { get; set; } = 3;
        public int FirstLoanMeeting { get; set; } = 4;
        public DateOnly Start { get; set; }
        public int Months { get; set; } = 12;
        public bool Editing { get; set; }
    }

    public override string Name => "ledger-rules";
    public override string FirstStep => Share;
    public override string HelpKey => "Help.Rules";

    public static Draft DraftFor(Group group, LedgerCycle? cycle, DateOnly today)
    {
        var d = new Draft { GroupId = group.Id, GroupName = group.Name, Start = NextMeeting(group, today) };
        if (cycle is not null)
        {
            d.Running = true;
            d.ShareValue = cycle.ShareValue;
            d.MaxShares = cycle.MaxShares;
            d.SocialFund = cycle.SocialFund;
            d.FineLate = cycle.FineLate;
            d.FineAbsent = cycle.FineAbsent;
            d.InterestBasisPoints = cycle.InterestBasisPoints;
            d.LoanCapTimes = cycle.LoanCapTimes;
            d.FirstLoanMeeting = cycle.FirstLoanMeeting;
            d.Start = cycle.Start;
            d.Months = cycle.Months;
            d.Editing = true;
        }

        return d;
    }

    /// <summary>The group's meeting day today or next.</summary>
    private static DateOnly NextMeeting(Group group, DateOnly today) => today.AddDays(((int)group.MeetingDay - (int)today.DayOfWeek + 7) % 7);

    public static string Describe(Turn turn, string groupName, LedgerCycle c) =>
        Describe(turn, groupName, c.Number, c.Start, c.Months, c.ShareValue, c.MaxShares, c.SocialFund, c.FineLate, c.FineAbsent, c.InterestBasisPoints, c.LoanCapTimes, c.FirstLoanMeeting);

    private static string Describe(Turn turn, string groupName, int number, DateOnly start, int months, long share, int max, long social, long late, long absent, int bp, int cap, int first) =>
        turn.T("Rules.Text", groupName, number, Format.Date(turn.Language, start), Format.Date(turn.Language, start.AddMonths(months).AddDays(-1)),
            Rupiah.Format(share), max, Rupiah.Format(social), Rupiah.Format(late), Rupiah.Format(absent),
            LedgerMath.Percent(bp, Texts.Culture(turn.Language)), cap, first);

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
    {
        [Share] = Amount(Share, "Rules.AskShare", [10_000, 20_000, 25_000], (d, v) => d.ShareValue = v, d => d.ShareValue, min: 1_000),
        [Max] = Count(Max, "Rules.AskMax", [1, 3, 5, 10], 1, 10, (d, v) => d.MaxShares = v, d => d.MaxShares, "Rules.MaxRetry"),
        [Social] = Amount(Social, "Rules.AskSocial", [0, 1_000, 2_000, 5_000], (d, v) => d.SocialFund = v, d => d.SocialFund),
        [Late] = Amount(Late, "Rules.AskLate", [0, 1_000, 2_000], (d, v) => d.FineLate = v, d => d.FineLate),
        [Absent] = Amount(Absent, "Rules.AskAbsent", [0, 2_000, 5_000], (d, v) => d.FineAbsent = v, d => d.FineAbsent),
        [Interest] = new()
        {
            Ask = (turn, d, ct) =>
            {
                var culture = Texts.Culture(turn.Language);
                turn.Say(turn.T("Rules.AskInterest") + Current(turn, LedgerMath.Percent(d.InterestBasisPoints, culture), d.Editing), RateChoices(turn));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                if (ParseRate(a) is not { } bp)
                {
                    return Task.FromResult(Next.Retry(turn.T("Rules.InterestRetry"), RateChoices(turn)));
                }

                d.InterestBasisPoints = bp;
                return Task.FromResult(Next.GoTo(After(d, Interest)));
            },
        },
        [Cap] = Count(Cap, "Rules.AskCap", [1, 2, 3], 1, 5, (d, v) => d.LoanCapTimes = v, d => d.LoanCapTimes, "Rules.CapRetry"),
        [FirstLoan] = Count(FirstLoan, "Rules.AskFirstLoan", [1, 4, 8], 1, 52, (d, v) => d.FirstLoanMeeting = v, d => d.FirstLoanMeeting, "Rules.FirstLoanRetry"),
        [Start] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Rules.AskStart", Format.Date(turn.Language, d.Start)), StartChoices(turn, d));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var today = turn.Clock.Today;
                if (a.ChoiceId == "start:next")
                {
                    return Task.FromResult(Next.GoTo(After(d, Start)));
                }

                if (!DateParser.TryParse(a.Text, today, DateLean.Future, out var date) || date < today.AddDays(-7) || date > today.AddDays(90))
                {
                    return Task.FromResult(Next.Retry(turn.T("Rules.StartRetry"), StartChoices(turn, d)));
                }

                d.Start = date;
                return Task.FromResult(Next.GoTo(After(d, Start)));
            },
        },
        [Months] = Count(Months, "Rules.AskMonths", [6, 9, 12], 3, 24, (d, v) => d.Months = v, d => d.Months, "Rules.MonthsRetry"),
        [Summary] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(Describe(turn, d.GroupName, 0, d.Start, d.Months, d.ShareValue, d.MaxShares, d.SocialFund, d.FineLate, d.FineAbsent, d.InterestBasisPoints, d.LoanCapTimes, d.FirstLoanMeeting)
                    .Split('\n', 2)[1] + "\n" + turn.T(d.Running ? "Rules.ConfirmChange" : "Rules.ConfirmStart"), CommonSteps.SaveEditCancel(turn));
                return Task.CompletedTask;
            },
            Answer = async (turn, d, a, ct) =>
            {
                if (CommonSteps.IsSave(a))
                {
                    await SaveAsync(turn, d, ct);
                    return Next.Done;
                }

                if (CommonSteps.IsEdit(a))
                {
                    return Next.GoTo(Edit);
                }

                return Next.Retry(turn.T("Rules.SummaryRetry"), CommonSteps.SaveEditCancel(turn));
            },
        },
        [Edit] = new()
        {
            Ask = (turn, d, ct) =>
            {
                turn.Say(turn.T("Rules.AskEdit"), EditChoices(turn, d));
                return Task.CompletedTask;
            },
            Answer = (turn, d, a, ct) =>
            {
                var picked = a.ChoiceId is { } id && id.StartsWith("edit:", StringComparison.Ordinal) ? id[5..]
                    : Steps(d).FirstOrDefault(s => string.Equals(turn.T($"Rules.Field.{s}"), a.Text, StringComparison.OrdinalIgnoreCase));
                if (picked is null || !Steps(d).Contains(picked))
                {
                    return Task.FromResult(Next.Retry(turn.T("Rules.EditRetry"), EditChoices(turn, d)));
                }

                d.Editing = true;
                return Task.FromResult(Next.GoTo(picked));
            },
        },
    };

    /// <summary>The steps this draft asks: a running cycle keeps its share value and start.</summary>
    private static IEnumerable<string> Steps(Draft d) => Order.Where(s => !d.Running || (s != Share && s != Start));

    private static string After(Draft d, string step)
    {
        if (d.Editing)
        {
            return Summary;
        }

        var steps = Steps(d).ToList();
        var i = steps.IndexOf(step);
        return i + 1 < steps.Count ? steps[i + 1] : Summary;
    }

    private static Choice[] RateChoices(Turn turn) => [.. Rates.Select(bp => new Choice($"bp:{bp}", LedgerMath.Percent(bp, Texts.Culture(turn.Language))))];

    private static Choice[] StartChoices(Turn turn, Draft d) => [new("start:next", Format.Date(turn.Language, d.Start))];

    private static Choice[] EditChoices(Turn turn, Draft d) => [.. Steps(d).Select(s => new Choice($"edit:{s}", turn.T($"Rules.Field.{s}")))];

    private static Choice[] AmountChoices(long[] buttons) => [.. buttons.Select(b => new Choice($"rp:{b}", Rupiah.Format(b)))];

    private static Choice[] CountChoices(int[] buttons) => [.. buttons.Select(b => new Choice($"n:{b}", b.ToString(CultureInfo.InvariantCulture)))];

    private static string Current(Turn turn, string value, bool editing) => editing ? " " + turn.T("Report.Current", value) : string.Empty;

    private static Step<Draft> Amount(string step, string askKey, long[] buttons, Action<Draft, long> set, Func<Draft, long> get, long min = 0) => new()
    {
        Ask = (turn, d, ct) =>
        {
            turn.Say(turn.T(askKey) + Current(turn, Rupiah.Format(get(d)), d.Editing), AmountChoices(buttons));
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            long amount;
            if (a.ChoiceId is { } id && id.StartsWith("rp:", StringComparison.Ordinal) && long.TryParse(id[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            {
                amount = b;
            }
            else if (min == 0 && CommonSteps.IsNoAmount(a))
            {
                amount = 0;
            }
            else
            {
                var problem = Rupiah.Parse(a.Text, out amount);
                if (problem != AmountProblem.None)
                {
                    return Task.FromResult(Next.Retry(turn.T($"Amount.{problem}"), AmountChoices(buttons)));
                }
            }

            if (amount < min || amount > 10_000_000)
            {
                return Task.FromResult(Next.Retry(turn.T("Rules.AmountRetry", Rupiah.Format(min)), AmountChoices(buttons)));
            }

            set(d, amount);
            return Task.FromResult(Next.GoTo(After(d, step)));
        },
    };

    private static Step<Draft> Count(string step, string askKey, int[] buttons, int min, int max, Action<Draft, int> set, Func<Draft, int> get, string retryKey) => new()
    {
        Ask = (turn, d, ct) =>
        {
            turn.Say(turn.T(askKey) + Current(turn, get(d).ToString(CultureInfo.InvariantCulture), d.Editing), CountChoices(buttons));
            return Task.CompletedTask;
        },
        Answer = (turn, d, a, ct) =>
        {
            var text = a.ChoiceId is { } id && id.StartsWith("n:", StringComparison.Ordinal) ? id[2..] : LeadingNumber(Words.Fold(a.Text));
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                return Task.FromResult(Next.Retry(turn.T(retryKey), CountChoices(buttons)));
            }

            set(d, n);
            return Task.FromResult(Next.GoTo(After(d, step)));
        },
    };

    /// <summary>"3", "3x", "3 kali", "12 bulan", "ke-4": the number at the front.</summary>
    private static string LeadingNumber(string text)
    {
        var t = text.StartsWith("ke-", StringComparison.Ordinal) ? text[3..] : text.StartsWith("ke ", StringComparison.Ordinal) ? text[3..] : text;
        return new string([.. t.TakeWhile(char.IsAsciiDigit)]) is { Length: > 0 } digits && t[digits.Length..].Trim() is "" or "x" or "×" or "kali" or "times" or "bulan" or "months" or "saham" or "shares"
            ? digits
            : string.Empty;
    }

    /// <summary>"2", "2%", "2 %", "1,5", "1.5%": a monthly rate from 0 to 10 %, in basis points.</summary>
    internal static int? ParseRate(Answer a)
    {
        if (a.ChoiceId is { } id && id.StartsWith("bp:", StringComparison.Ordinal))
        {
            return int.TryParse(id[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : null;
        }

        var t = Words.Fold(a.Text).Replace("persen", "%", StringComparison.Ordinal).Replace("per bulan", string.Empty, StringComparison.Ordinal).Trim().TrimEnd('%').Trim().Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate >= 0 && rate <= 10 && rate * 100 == decimal.Truncate(rate * 100)
            ? (int)(rate * 100)
            : null;
    }

    private static async Task SaveAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        var cycle = await LedgerBooks.CycleAsync(db, d.GroupId, ct);
        if (cycle is null)
        {
            var number = (await db.LedgerCycles.Where(c => c.GroupId == d.GroupId).MaxAsync(c => (int?)c.Number, ct) ?? 0) + 1;
            cycle = new LedgerCycle { GroupId = d.GroupId, Number = number, Start = d.Start, ShareValue = d.ShareValue, CreatedUtc = turn.Clock.UtcNow };
            db.LedgerCycles.Add(cycle);
            var group = await db.Groups.SingleAsync(g => g.Id == d.GroupId, ct);
            group.StartCycle(d.Start);
        }

        cycle.MaxShares = d.MaxShares;
        cycle.SocialFund = d.SocialFund;
        cycle.FineLate = d.FineLate;
        cycle.FineAbsent = d.FineAbsent;
        cycle.InterestBasisPoints = d.InterestBasisPoints;
        cycle.LoanCapTimes = d.LoanCapTimes;
        cycle.FirstLoanMeeting = d.FirstLoanMeeting;
        cycle.Months = d.Months;
        cycle.ChangedByPersonId = turn.Caller.Person!.Id;
        await db.SaveChangesAsync(ct);
        turn.Audit(d.Running ? "ledger-rules" : "ledger-start", "ledger_cycle", cycle.Id,
            string.Create(CultureInfo.InvariantCulture, $"share {cycle.ShareValue} max {cycle.MaxShares} social {cycle.SocialFund} fines {cycle.FineLate}/{cycle.FineAbsent} interest {cycle.InterestBasisPoints}bp cap {cycle.LoanCapTimes}x first {cycle.FirstLoanMeeting} months {cycle.Months}"));
        var text = new StringBuilder(turn.T(d.Running ? "Rules.Changed" : "Rules.Started", d.GroupName, Format.Date(turn.Language, cycle.Start)));
        turn.Say(text.ToString());
    }
}
