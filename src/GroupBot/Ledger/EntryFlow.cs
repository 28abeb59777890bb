using System.Globalization;
using System.Text;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;
using GroupBot.Savings;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;

/// <summary>"lapor" for a group that keeps a member ledger: the treasurer's meeting entry instead of the group totals.</summary>
public sealed class LedgerReportTakeover(EntryFlow flow) : IReportTakeover
{
    public async Task<bool> TryStartAsync(Turn turn, Group group, CancellationToken ct)
    {
        if (await LedgerBooks.CycleAsync(turn.Db, group.Id, ct) is not { } cycle)
        {
            return false;
        }

        turn.Start(flow, new EntryFlow.Draft { GroupId = group.Id, GroupName = group.Name, CycleId = cycle.Id });
        return true;
    }
}

/// <summary>
/// The treasurer's meeting entry, fast on a cheap phone: pick the meeting; then either "Sama
/// seperti minggu lalu" for everyone (last meeting's shares, the repayment that is due, the social
/// fund, last week's absence fine) and only the exceptions, or one pass over the members present.
/// The group totals of the savings report are computed from the lines and checked against the
/// cash box as in a group-level report. A correction is a new version of the whole entry.
/// </summary>
public sealed class EntryFlow(Broadcast broadcast, Texts texts) : Flow<EntryFlow.Draft>
{
    private const string Overview = "overview";
    private const string Exceptions = "exceptions";
    private const string SharesStep = "shares";
    private const string RepayStep = "repay";
    private const string ExtraStep = "extra";
    private const string CashStep = "cash";
    private const string ConfirmStep = "confirm";

    public sealed class LineDraft
    {
        public long PersonId { get; set; }
        public string Name { get; set; } = string.Empty;
        public bool Present { get; set; }
        public int LastShares { get; set; }
        public long? LoanId { get; set; }

        /// <summary>What falls due on her loan by the next meeting, and what she owes in all (before this meeting).</summary>
        public long Due { get; set; }
        public long Balance { get; set; }
        public bool AbsentLastTime { get; set; }

        public int Shares { get; set; }
        public long Repaid { get; set; }
        public long Social { get; set; }
        public long Fine { get; set; }
    }

    public sealed class Draft : IMeetingDraft
    {
        public long GroupId { get; set; }
        public string GroupName { get; set; } = string.Empty;
        public long CycleId { get; set; }
        public long? MeetingId { get; set; }
        public DateOnly MeetingDate { get; set; }
        public long ShareValue { get; set; }
        public int MaxShares { get; set; }
        public long SocialFund { get; set; }
        public long FineLate { get; set; }
        public long FineAbsent { get; set; }
        public List<LineDraft> Lines { get; set; } = [];
        public int Index { get; set; }

        /// <summary>Going through every member present (true), or one member picked from the exceptions list.</summary>
        public bool EachInTurn { get; set; }
        public int Existing { get; set; }
        public long? PreviousBalance { get; set; }
        public long LoansOut { get; set; }
        public long? Cash { get; set; }

        public long Savings => Lines.Sum(l => l.Shares * ShareValue);
        public long Repaid => Lines.Sum(l => l.Repaid);
        public long SocialAndFines => Lines.Sum(l => l.Social + l.Fine);
        public long? Expected => PreviousBalance is { } p ? p + Savings + Repaid + SocialAndFines - LoansOut : null;
    }

    public override string Name => "ledger-entry";
    public override string FirstStep => MeetingPicker.Step;
    public override string HelpKey => "Help.Entry";

    protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps()
    {
        var steps = new Dictionary<string, Step<Draft>>
        {
            [Overview] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    turn.Say(turn.T("Entry.Overview", d.GroupName, Format.Date(turn.Language, d.MeetingDate), d.Lines.Count(l => l.Present), d.Lines.Count,
                            Totals(turn, d)), OverviewChoices(turn));
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) => Task.FromResult(a.Value switch
                {
                    "entry:same" or "sama" or "same" or "sama seperti minggu lalu" or "ya" => Next.GoTo(Exceptions),
                    "entry:each" or "satu per satu" or "one by one" => StartEach(d),
                    _ => Next.Retry(turn.T("Entry.OverviewRetry"), OverviewChoices(turn)),
                }),
            },
            [Exceptions] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    turn.Say(turn.T("Entry.AskExceptions", Totals(turn, d)), ExceptionChoices(turn, d));
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    if (a.Value is "entry:done" or "selesai" or "done" or "sudah" or "benar" or "semua benar")
                    {
                        return Task.FromResult(Next.GoTo(CashStep));
                    }

                    var i = a.ChoiceId is { } id && id.StartsWith("member:", StringComparison.Ordinal) && int.TryParse(id[7..], CultureInfo.InvariantCulture, out var n) ? n
                        : d.Lines.FindIndex(l => string.Equals(l.Name, Words.Clean(a.Text), StringComparison.OrdinalIgnoreCase));
                    if (i < 0 || i >= d.Lines.Count)
                    {
                        return Task.FromResult(Next.Retry(turn.T("Entry.ExceptionsRetry"), ExceptionChoices(turn, d)));
                    }

                    d.Index = i;
                    d.EachInTurn = false;
                    return Task.FromResult(Next.GoTo(SharesStep));
                },
            },
            [SharesStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var line = d.Lines[d.Index];
                    turn.Say(turn.T("Entry.AskShares", line.Name, line.LastShares, Rupiah.Format(d.ShareValue), d.MaxShares), ShareChoices(turn, d));
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    var line = d.Lines[d.Index];
                    if (a.Value is "shares:absent" or "absen" or "tidak hadir" or "absent")
                    {
                        // Not there after all: nothing paid today.
                        (line.Present, line.Shares, line.Repaid, line.Social, line.Fine) = (false, 0, 0, 0, 0);
                        return Task.FromResult(NextMember(d));
                    }

                    var text = a.ChoiceId is { } id && id.StartsWith("shares:", StringComparison.Ordinal) ? id[7..]
                        : Words.Fold(a.Text).Replace("saham", string.Empty, StringComparison.Ordinal).Replace("shares", string.Empty, StringComparison.Ordinal).Trim();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var shares) || shares > d.MaxShares)
                    {
                        return Task.FromResult(Next.Retry(turn.T("Entry.SharesRetry", d.MaxShares), ShareChoices(turn, d)));
                    }

                    line.Shares = shares;
                    line.Present = true;
                    return Task.FromResult(line.Balance > 0 ? Next.GoTo(RepayStep) : AfterRepay(d));
                },
            },
            [RepayStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var line = d.Lines[d.Index];
                    turn.Say(turn.T("Entry.AskRepay", line.Name, Rupiah.Format(Math.Min(line.Due, line.Balance)), Rupiah.Format(line.Balance)), RepayChoices(turn, d));
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    var line = d.Lines[d.Index];
                    long amount;
                    if (a.Value == "repay:due")
                    {
                        amount = Math.Min(line.Due, line.Balance);
                    }
                    else if (a.Value == "repay:none" || CommonSteps.IsNoAmount(a))
                    {
                        amount = 0;
                    }
                    else if (Rupiah.Parse(a.Text, out amount) is var problem && problem != AmountProblem.None)
                    {
                        return Task.FromResult(Next.Retry(turn.T($"Amount.{problem}"), RepayChoices(turn, d)));
                    }

                    if (amount > line.Balance)
                    {
                        return Task.FromResult(Next.Retry(turn.T("Entry.RepayTooMuch", Rupiah.Format(line.Balance)), RepayChoices(turn, d)));
                    }

                    line.Repaid = amount;
                    return Task.FromResult(AfterRepay(d));
                },
            },
            [ExtraStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var line = d.Lines[d.Index];
                    turn.Say(turn.T(line.AbsentLastTime && d.FineAbsent > 0 ? "Entry.AskExtraAbsent" : "Entry.AskExtra", line.Name, Rupiah.Format(d.SocialFund)), ExtraChoices(turn, d));
                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    var line = d.Lines[d.Index];
                    switch (a.Value)
                    {
                        case "extra:social":
                            (line.Social, line.Fine) = (d.SocialFund, 0);
                            break;
                        case "extra:late":
                            (line.Social, line.Fine) = (d.SocialFund, d.FineLate);
                            break;
                        case "extra:absent":
                            (line.Social, line.Fine) = (d.SocialFund, d.FineAbsent);
                            break;
                        case "extra:nothing":
                            (line.Social, line.Fine) = (0, 0);
                            break;
                        default:
                            // A typed amount is a fine, with the social fund.
                            var problem = Rupiah.Parse(a.Text, out var fine);
                            if (problem != AmountProblem.None)
                            {
                                return Task.FromResult(Next.Retry(turn.T("Entry.ExtraRetry", Rupiah.Format(d.SocialFund)), ExtraChoices(turn, d)));
                            }

                            (line.Social, line.Fine) = (d.SocialFund, fine);
                            break;
                    }

                    return Task.FromResult(NextMember(d));
                },
            },
            [CashStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var text = turn.T("Entry.AskCash", Totals(turn, d));
                    turn.Say(d.Expected is { } expected ? text + " " + turn.T("Entry.Expected", Rupiah.Format(expected)) : text, CashChoices(d));

                    return Task.CompletedTask;
                },
                Answer = (turn, d, a, ct) =>
                {
                    long cash;
                    if (a.ChoiceId == "cash:expected" && d.Expected is { } expected)
                    {
                        cash = expected;
                    }
                    else if (Rupiah.Parse(a.Text, out cash) is var problem && problem != AmountProblem.None)
                    {
                        return Task.FromResult(Next.Retry(turn.T($"Amount.{problem}"), CashChoices(d)));
                    }

                    d.Cash = cash;
                    return Task.FromResult(Next.GoTo(ConfirmStep));
                },
            },
            [ConfirmStep] = new()
            {
                Ask = (turn, d, ct) =>
                {
                    var text = new StringBuilder(turn.T("Entry.Summary", d.GroupName, Format.Date(turn.Language, d.MeetingDate), Totals(turn, d), Rupiah.Format(d.Cash ?? 0)));
                    var differs = d.Expected is { } expected && expected != d.Cash;
                    if (d.Expected is { } e)
                    {
                        text.Append('\n').Append(differs ? turn.T("Report.CashDiffers", Difference(turn, (d.Cash ?? 0) - e)) : turn.T("Report.CashOk"));
                    }

                    turn.Say(text.ToString(), ConfirmChoices(turn, d));
                    return Task.CompletedTask;
                },
                Answer = async (turn, d, a, ct) =>
                {
                    if (CommonSteps.IsSave(a))
                    {
                        return await SaveAsync(turn, d, ct);
                    }

                    if (CommonSteps.IsEdit(a))
                    {
                        return Next.GoTo(Exceptions);
                    }

                    return Next.Retry(turn.T("Report.SummaryRetry"), ConfirmChoices(turn, d));
                },
            },
        };

        foreach (var (name, step) in MeetingPicker.Steps<Draft>(
            async (turn, groupId, ct) => await turn.Db.LedgerMeetings.Where(m => m.GroupId == groupId).Select(m => m.MeetingId).Distinct().ToListAsync(ct),
            PickedAsync))
        {
            steps[name] = step;
        }

        return steps;
    }

    private static Choice[] OverviewChoices(Turn turn) =>
        [new("entry:same", turn.T("Button.SameAsLastWeek")), new("entry:each", turn.T("Button.OneByOne")), new("batal", turn.T("Button.Cancel"))];

    private static Choice[] ExceptionChoices(Turn turn, Draft d) =>
        [new("entry:done", turn.T("Button.AllCorrect")), .. d.Lines.Take(GroupRefs.MaxPickChoices - 1).Select((l, i) => new Choice($"member:{i}", Label(turn, d, l)))];

    /// <summary>0 to the most, last week's number first.</summary>
    private static Choice[] ShareChoices(Turn turn, Draft d)
    {
        var last = d.Lines[d.Index].LastShares;
        return [.. new[] { last }.Concat(Enumerable.Range(0, d.MaxShares + 1)).Distinct()
            .Select(n => new Choice($"shares:{n}", n == last ? turn.T("Button.SharesSame", n) : n.ToString(CultureInfo.InvariantCulture))),
            new Choice("shares:absent", turn.T("Button.Absent"))];
    }

    private static Choice[] RepayChoices(Turn turn, Draft d)
    {
        var line = d.Lines[d.Index];
        var due = Math.Min(line.Due, line.Balance);
        return [.. due > 0 ? [new Choice("repay:due", turn.T("Button.PayDue", Rupiah.Format(due)))] : Array.Empty<Choice>(), new("repay:none", turn.T("Button.NotPaid"))];
    }

    private static List<Choice> ExtraChoices(Turn turn, Draft d)
    {
        var choices = new List<Choice> { new("extra:social", turn.T("Button.SocialOnly", Rupiah.Format(d.SocialFund))) };
        if (d.FineLate > 0)
        {
            choices.Add(new("extra:late", turn.T("Button.PlusLate", Rupiah.Format(d.FineLate))));
        }

        if (d.FineAbsent > 0)
        {
            choices.Add(new("extra:absent", turn.T("Button.PlusAbsent", Rupiah.Format(d.FineAbsent))));
        }

        choices.Add(new("extra:nothing", turn.T("Button.PaidNothingElse")));
        return choices;
    }

    private static Choice[] CashChoices(Draft d) => d.Expected is { } expected ? [new("cash:expected", Rupiah.Format(expected))] : [];

    private static Choice[] ConfirmChoices(Turn turn, Draft d) =>
        CommonSteps.SaveEditCancel(turn, d.Expected is { } e && e != d.Cash ? "Button.SaveAnyway" : "Button.Save");

    private static string Label(Turn turn, Draft d, LineDraft l) =>
        l.Present ? turn.T("Entry.MemberButton", l.Name, l.Shares, l.Repaid > 0 ? "+" : string.Empty) : turn.T("Entry.AbsentButton", l.Name);

    private static Next StartEach(Draft d)
    {
        d.EachInTurn = true;
        d.Index = d.Lines.FindIndex(l => l.Present);
        return d.Index < 0 ? Next.GoTo(Exceptions) : Next.GoTo(SharesStep);
    }

    private static Next AfterRepay(Draft d) => d.SocialFund > 0 || d.FineLate > 0 || d.FineAbsent > 0 ? Next.GoTo(ExtraStep) : NextMember(d);

    private static Next NextMember(Draft d)
    {
        if (!d.EachInTurn)
        {
            return Next.GoTo(Exceptions);
        }

        var next = d.Lines.FindIndex(d.Index + 1, l => l.Present);
        if (next < 0)
        {
            return Next.GoTo(Exceptions);
        }

        d.Index = next;
        return Next.GoTo(SharesStep);
    }

    /// <summary>Everyone present as last week: her shares then, the repayment due, the social fund, last week's absence fine.</summary>
    private static void Defaults(Draft d)
    {
        foreach (var l in d.Lines)
        {
            l.Shares = l.Present ? Math.Min(l.LastShares, d.MaxShares) : 0;
            l.Repaid = l.Present ? Math.Min(l.Due, l.Balance) : 0;
            l.Social = l.Present ? d.SocialFund : 0;
            l.Fine = l.Present && l.AbsentLastTime ? d.FineAbsent : 0;
        }
    }

    private static string Totals(Turn turn, Draft d) =>
        turn.T("Entry.Totals", d.Lines.Sum(l => l.Shares), Rupiah.Format(d.Savings), Rupiah.Format(d.Repaid), Rupiah.Format(d.SocialAndFines), Rupiah.Format(d.LoansOut));

    private static string Difference(Turn turn, long typedMinusExpected) =>
        turn.T(typedMinusExpected < 0 ? "Report.Short" : "Report.Over", Rupiah.Format(Math.Abs(typedMinusExpected)));

    /// <summary>The meeting is picked: its members, what each did last time, what falls due, and any earlier version.</summary>
    private static async Task<Next> PickedAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        var cycle = await db.LedgerCycles.SingleAsync(c => c.Id == d.CycleId, ct);
        if (cycle.ClosedUtc is not null)
        {
            turn.Say(turn.T("Entry.CycleClosed"));
            return Next.Done;
        }

        if (d.MeetingDate < cycle.Start)
        {
            return Next.Retry(turn.T("Entry.BeforeCycle", Format.Date(turn.Language, cycle.Start)));
        }

        (d.ShareValue, d.MaxShares, d.SocialFund, d.FineLate, d.FineAbsent) = (cycle.ShareValue, cycle.MaxShares, cycle.SocialFund, cycle.FineLate, cycle.FineAbsent);
        var book = (await LedgerBooks.LoadAsync(db, d.GroupId, ct))!;
        var existing = d.MeetingId is { } id
            ? await db.LedgerMeetings.Include(m => m.Lines).Where(m => m.MeetingId == id).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct)
            : null;
        var previous = await LedgerBooks.Newest(db, [d.CycleId]).Include(m => m.Lines).Where(m => m.Date < d.MeetingDate)
            .OrderByDescending(m => m.Date).FirstOrDefaultAsync(ct);
        var attendance = d.MeetingId is { } mid
            ? await db.Attendance.Where(a => a.MeetingId == mid).ToDictionaryAsync(a => a.PersonId, a => a.Status, ct)
            : [];
        // This cycle's loans handed over, and what was paid on each at the other meetings (before this one: what had fallen due).
        var loans = await db.Loans.Where(l => l.CycleId == d.CycleId && l.Status != LoanStatus.Pending && l.Status != LoanStatus.Rejected).ToListAsync(ct);
        var payments = await (from l in db.Set<LedgerLine>()
                              join m in LedgerBooks.Newest(db, [d.CycleId]) on l.LedgerMeetingId equals m.Id
                              where l.LoanId != null && m.MeetingId != (d.MeetingId ?? 0)
                              select new { l.LoanId, l.Repaid, m.Date }).ToListAsync(ct);
        var paid = payments.Where(x => x.Date < d.MeetingDate).GroupBy(x => x.LoanId!.Value).ToDictionary(g => g.Key, g => g.Sum(x => x.Repaid));
        var paidElsewhere = payments.GroupBy(x => x.LoanId!.Value).ToDictionary(g => g.Key, g => g.Sum(x => x.Repaid));

        d.Lines = [.. book.Members.Select(m =>
        {
            var was = existing?.Lines.FirstOrDefault(l => l.PersonId == m.PersonId);
            // A correction keeps the loan the line paid; otherwise the loan she had running by then.
            var loan = (was?.LoanId is { } paidOn ? loans.FirstOrDefault(l => l.Id == paidOn) : null)
                ?? loans.FirstOrDefault(l => l.PersonId == m.PersonId && l.Status == LoanStatus.Active && l.StartDate <= d.MeetingDate);
            var paidBefore = loan is null ? 0 : paid.GetValueOrDefault(loan.Id);
            var last = previous?.Lines.FirstOrDefault(l => l.PersonId == m.PersonId);
            var line = new LineDraft
            {
                PersonId = m.PersonId,
                Name = m.Name,
                Present = attendance.Count == 0 || attendance.GetValueOrDefault(m.PersonId) == AttendanceStatus.Present,
                LastShares = Math.Min(last?.Shares ?? 0, d.MaxShares),
                AbsentLastTime = last is { Present: false },
                LoanId = loan?.Id,
                // What she can still pay here: all she owes less what every other meeting took (a correction never lets her pay twice).
                Balance = loan is null ? 0 : Math.Max(0, loan.TotalDue - paidElsewhere.GetValueOrDefault(loan.Id)),
            };
            line.Due = loan is null ? 0 : Math.Min(line.Balance, Math.Max(0, LedgerMath.DueBy(loan, d.MeetingDate.AddDays(6)) - paidBefore));
            if (was is not null)
            {
                (line.Present, line.Shares, line.Repaid, line.Social, line.Fine) = (was.Present, was.Shares, was.Repaid, was.Social, was.Fine);
            }

            return line;
        })];

        // The box at the count before. After a share-out only the social fund stayed in it.
        var before = await Reports.LatestBefore(db, d.GroupId, d.MeetingDate).Select(r => new { r.CashBalance, r.Meeting!.Date }).FirstOrDefaultAsync(ct);
        d.PreviousBalance = cycle.Number > 1 && (before is null || before.Date < cycle.Start) ? cycle.SocialCarried : before?.CashBalance;
        d.LoansOut = await LoansOutAsync(turn, d, existing is not null, ct);
        if (existing is not null)
        {
            d.Existing = existing.Version;
            turn.Say(turn.T("Entry.Existing", existing.Version));
            return Next.GoTo(Exceptions);
        }

        Defaults(d);
        return Next.GoTo(Overview);
    }

    /// <summary>Loans handed over since the last count leave the box at this meeting's count; a correction keeps the ones it counted.</summary>
    private static async Task<long> LoansOutAsync(Turn turn, Draft d, bool correction, CancellationToken ct)
    {
        var meetingId = d.MeetingId ?? 0;
        return await turn.Db.Loans.Where(l => l.CycleId == d.CycleId && l.Status != LoanStatus.Pending && l.Status != LoanStatus.Rejected
                && (l.CountedMeetingId == meetingId || (!correction && l.CountedMeetingId == null && l.StartDate <= d.MeetingDate)))
            .SumAsync(l => l.Principal, ct);
    }

    /// <summary>Saves the entry, unless what it rests on changed since it was asked (then says so and goes back to check).</summary>
    private async Task<Next> SaveAsync(Turn turn, Draft d, CancellationToken ct)
    {
        var db = turn.Db;
        if (await db.LedgerCycles.AnyAsync(c => c.Id == d.CycleId && c.ClosedUtc != null, ct))
        {
            // The share-out closed the cycle while she was entering: nothing goes into a closed book.
            turn.Say(turn.T("Entry.CycleClosed"));
            return Next.Done;
        }

        // Checked before the meeting row is made: a step back leaves no held meeting without an entry.
        d.MeetingId ??= await db.Meetings.Where(m => m.GroupId == d.GroupId && m.Date == d.MeetingDate).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
        var newest = d.MeetingId is { } known
            ? await db.LedgerMeetings.Include(m => m.Lines).Where(m => m.MeetingId == known).OrderByDescending(m => m.Version).FirstOrDefaultAsync(ct)
            : null;
        if (newest is not null && newest.Version != d.Existing)
        {
            // Someone else saved this meeting meanwhile: never overwrite it unseen. Her lines are kept; saving again makes the next version.
            d.Existing = newest.Version;
            turn.Say(turn.T("Entry.SavedMeanwhile", newest.Version));
            return Next.GoTo(ConfirmStep);
        }

        var loansOut = await LoansOutAsync(turn, d, newest is not null, ct);
        if (loansOut != d.LoansOut)
        {
            // A loan was handed over (or its count moved) since the cash was asked: the box must be counted against it.
            d.LoansOut = loansOut;
            turn.Say(turn.T("Entry.LoansChanged", Rupiah.Format(loansOut)));
            return Next.GoTo(CashStep);
        }

        var meeting = await MeetingPicker.MaterializeAsync(turn, d.GroupId, new MeetingPicker.Picked(d.MeetingId, d.MeetingDate), ct);
        d.MeetingId = meeting.Id;

        // The entry is a record of who came: a member it shows present that nobody had marked gets a roll-call mark.
        var marked = await db.Attendance.Where(a => a.MeetingId == meeting.Id).Select(a => a.PersonId).ToListAsync(ct);
        meeting.Attendance.AddRange(d.Lines.Where(l => l.Present && !marked.Contains(l.PersonId))
            .Select(l => AttendanceRecord.RollCalled(l.PersonId, AttendanceStatus.Present, turn.Caller.Person!.Id, turn.Clock.UtcNow)));

        var entry = new LedgerMeeting
        {
            CycleId = d.CycleId,
            GroupId = d.GroupId,
            MeetingId = meeting.Id,
            Date = meeting.Date,
            Version = (newest?.Version ?? 0) + 1,
            EnteredByPersonId = turn.Caller.Person!.Id,
            CreatedUtc = turn.Clock.UtcNow,
        };
        // A line for every member, present or not: an absence is part of her book (and next week's absence fine).
        entry.Lines.AddRange(d.Lines
            .Select(l => new LedgerLine { PersonId = l.PersonId, Present = l.Present, Shares = l.Shares, Repaid = l.Repaid, LoanId = l.Repaid > 0 ? l.LoanId : null, Social = l.Social, Fine = l.Fine }));
        db.LedgerMeetings.Add(entry);

        // Loans handed over since the last count: this meeting's count includes them.
        var loans = await db.Loans.Where(l => l.CycleId == d.CycleId && l.Status != LoanStatus.Pending && l.Status != LoanStatus.Rejected
            && (l.CountedMeetingId == meeting.Id || (newest == null && l.CountedMeetingId == null && l.StartDate <= meeting.Date))).ToListAsync(ct);
        foreach (var loan in loans)
        {
            loan.CountedMeetingId = meeting.Id;
        }

        await db.SaveChangesAsync(ct);
        await SettleLoansAsync(turn, d.GroupId, d.CycleId, ct);

        var book = (await LedgerBooks.LoadAsync(db, d.GroupId, ct))!;
        var reportVersion = await Reports.Newest(db, meeting.Id).Select(r => (int?)r.Version).FirstOrDefaultAsync(ct) ?? 0;
        db.SavingsReports.Add(new SavingsReport
        {
            MeetingId = meeting.Id,
            GroupId = d.GroupId,
            Version = reportVersion + 1,
            Savings = d.Savings,
            LoansDisbursed = loans.Sum(l => l.Principal),
            Repayments = d.Repaid,
            FinesAndSocial = d.SocialAndFines,
            LoansOutstanding = book.Outstanding,
            CashBalance = d.Cash ?? 0,
            MembersSaved = d.Lines.Count(l => l.Shares > 0),
            ExpectedCash = d.Expected,
            CashMismatch = d.Expected is { } e && e != d.Cash,
            ReportedByPersonId = turn.Caller.Person.Id,
            CreatedUtc = turn.Clock.UtcNow,
        });

        // A receipt to everyone whose line this entry wrote or changed; a flag on the old line is settled by the new one.
        var changed = entry.Lines.Where(l => newest?.Lines.FirstOrDefault(o => o.PersonId == l.PersonId) is not { } old
            || (old.Shares, old.Repaid, old.Social, old.Fine, old.Present) != (l.Shares, l.Repaid, l.Social, l.Fine, l.Present)).ToList();
        if (newest is not null)
        {
            var people = changed.Select(l => l.PersonId).ToList();
            var earlier = await db.LedgerMeetings.Where(m => m.MeetingId == meeting.Id).Select(m => m.Id).ToListAsync(ct);
            foreach (var flag in await db.ReceiptFlags.Where(f => earlier.Contains(f.LedgerMeetingId) && people.Contains(f.PersonId) && f.ResolvedUtc == null).ToListAsync(ct))
            {
                flag.ResolvedUtc = turn.Clock.UtcNow;
                flag.ResolvedByPersonId = turn.Caller.Person.Id;
            }
        }

        await db.SaveChangesAsync(ct);
        turn.Audit(entry.Version == 1 ? "ledger-entry" : "ledger-correction", "ledger_meeting", entry.Id,
            string.Create(CultureInfo.InvariantCulture, $"meeting {meeting.Id} v{entry.Version} shares {d.Lines.Sum(l => l.Shares)} repaid {d.Repaid} cash {d.Cash}"));
        var languages = await db.People.Where(p => changed.Select(c => c.PersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Language, ct);
        await broadcast.SendAsync(db, [.. changed.Where(l => languages.ContainsKey(l.PersonId)).Select(l => new Recipient.Person(l.PersonId, languages[l.PersonId]))],
            r => $"receipt:{entry.Id}:p{r.PersonId}",
            r => Receipts.Message(texts, r.Language, book, entry, changed.First(l => l.PersonId == r.PersonId), d.GroupName, corrected: newest is not null), ct);

        var saved = turn.T(entry.Version == 1 ? "Entry.Saved" : "Entry.SavedVersion", d.GroupName, Format.Date(turn.Language, meeting.Date), entry.Version, changed.Count);
        turn.Say(saved, [new Choice($"pinjaman #{d.GroupId}", turn.T("Button.NewLoan"))]);
        return Next.Done;
    }

    /// <summary>A loan paid in full is closed; a correction that takes a payment back opens it again.</summary>
    internal static async Task SettleLoansAsync(Turn turn, long groupId, long cycleId, CancellationToken ct)
    {
        var db = turn.Db;
        var loans = await db.Loans.Where(l => l.GroupId == groupId && l.CycleId == cycleId
            && (l.Status == LoanStatus.Active || (l.Status == LoanStatus.Repaid && l.SettledAtShareOut == 0))).ToListAsync(ct);
        var ids = loans.Select(l => l.Id).ToList();
        var newest = LedgerBooks.Newest(db, [cycleId]).Select(m => m.Id);
        var repaid = await db.LedgerLines.Where(l => l.LoanId != null && ids.Contains(l.LoanId.Value) && newest.Contains(l.LedgerMeetingId))
            .GroupBy(l => l.LoanId!.Value).Select(g => new { g.Key, Sum = g.Sum(l => l.Repaid) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        foreach (var loan in loans)
        {
            var paid = repaid.GetValueOrDefault(loan.Id) >= loan.TotalDue;
            if (paid && loan.Status == LoanStatus.Active)
            {
                loan.Status = LoanStatus.Repaid;
                loan.ClosedUtc = turn.Clock.UtcNow;
            }
            else if (!paid && loan.Status == LoanStatus.Repaid)
            {
                loan.Status = LoanStatus.Active;
                loan.ClosedUtc = null;
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
