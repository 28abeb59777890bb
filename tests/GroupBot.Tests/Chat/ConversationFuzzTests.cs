using System.Text.Json;
using CsCheck;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Groups;
using GroupBot.Minutes;
using GroupBot.Onboarding;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Chat;

/// <summary>
/// Hostile input end to end, through the real host (Kestrel, SQLite, the simulator channel): from
/// a stranger, a member, and leaders in the middle of <c>lapor</c>, <c>notulen</c> and <c>mulai</c>.
/// Every input gets exactly one reply, nothing is logged as an error, a conversation stays where it
/// was (or, for an input that was a valid answer after all, <c>kembali</c> brings it back exactly),
/// and what was already answered is kept to the end. See <see cref="Hostile"/> for replaying a failure.
/// </summary>
public sealed class ConversationFuzzTests
{
    /// <summary>Per test; each input is an HTTP round trip, so the whole class stays under a minute on two cores.</summary>
    private const int Iterations = 50;

    /// <summary>The smallest valid PNG (1×1), as the page would upload it.</summary>
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    /// <summary>What one hostile message can be: typed text, a pressed button, or a photo with a caption.</summary>
    public sealed record Input(string? Text, string? Choice, string? Caption)
    {
        public object Body(string user) =>
            Caption is not null ? new { user, text = Text, photo = new { name = "foto.png", caption = Caption, data = TinyPng } }
            : Choice is not null ? new { user, choice = Choice }
            : new { user, text = Text };

        public override string ToString() =>
            Caption is not null ? $"photo, caption {Hostile.Show(Caption)}" : Choice is not null ? $"button {Hostile.Show(Choice)}" : $"text {Hostile.Show(Text!)}";
    }

    /// <summary>Button ids as channels deliver them (at most 256 characters): ours with hostile tails, or anything.</summary>
    private static readonly Gen<string> ChoiceId = Gen.Select(
            Gen.OneOf("", "meeting:", "meeting:-1", "edit:", "edit:Savings,Costs", "day:", "lang:", "role:", "mark:", "saved:", "confirm:", "amount:", "minutes:", "claim:", "date:", "stale:"),
            Hostile.WellFormedText)
        .Select((prefix, tail) => prefix + tail)
        .Select(id => id.Length <= 256 ? id : Hostile.Repair(id[..256]));

    private static readonly Gen<Input> Inputs = Gen.Frequency(
        (12, Hostile.WellFormedText.Select(t => new Input(t, null, null))),
        (6, Hostile.Wordy.Select(t => new Input(t, null, null))),
        (1, Hostile.VeryLong.Select(t => new Input(Hostile.Repair(t), null, null))),
        (4, ChoiceId.Select(c => new Input(null, c, null))),
        (1, Hostile.WellFormedText.Select(c => new Input(null, null, c))));

    private sealed class Bed : IAsyncDisposable
    {
        public required BotHost Bot { get; init; }
        public required CapturedLogs Logs { get; init; }

        public Router Router => Bot.Services.GetRequiredService<Router>();

        public async ValueTask DisposeAsync() => await Bot.DisposeAsync();

        /// <summary>Sends the input and checks what holds for every input: exactly one reply, no error anywhere.</summary>
        public async Task<Reply> SendAsync(string user, Input input)
        {
            var replies = await Bot.PostAsync(input.Body(user));
            AssertNoErrors();
            var reply = Assert.Single(replies);
            Assert.False(string.IsNullOrWhiteSpace(reply.Text));
            Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
            return reply;
        }

        public void AssertNoErrors()
        {
            Assert.DoesNotContain(Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        }

        public async Task AssertInboxCleanAsync() =>
            Assert.Equal(0, await Bot.DbAsync(db => db.Inbox.CountAsync(e => e.Error != null || e.ProcessedUtc == null)));

        public Task<Conversation?> ConversationAsync(string user) =>
            Bot.DbAsync(db => db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == user));

        /// <summary>
        /// True when the input is a global word (batal, kembali, bantuan) or, outside a flow, runs a
        /// command: those act as documented, so the fuzzing leaves them to their own tests.
        /// </summary>
        public bool IsCommand(Input input, bool inFlow)
        {
            var said = input.Choice ?? (input.Caption is null && input.Text is { Length: <= Words.MaxAnswerLength } t ? Words.Clean(t) : null);
            // Outside a flow a button id with ':' is a stale button, never a command; typed text with
            // one ("mulai 12:30") is still the command its first word names.
            return said is not null && (GlobalWords.Match(said) != GlobalWord.None
                || (!inFlow && !(input.Choice is not null && said.Contains(':', StringComparison.Ordinal)) && Router.Find(said) is not null));
        }

        /// <summary>
        /// After an input inside a flow: the conversation is where it was, or (the input was a valid
        /// answer after all) one <c>kembali</c> brings back exactly the step and answers it had.
        /// </summary>
        public async Task AssertStayedOrGoesBackAsync(string user, Conversation before)
        {
            var after = await ConversationAsync(user);
            Assert.NotNull(after);
            if (after.Step != before.Step)
            {
                await SendAsync(user, new Input("kembali", null, null));
                after = await ConversationAsync(user);
                Assert.NotNull(after);
            }

            Assert.Equal((before.Flow, before.Step, before.DraftJson, before.HistoryJson), (after.Flow, after.Step, after.DraftJson, after.HistoryJson));
        }
    }

    /// <summary>What the person typed, as the flow sees it ("" for a button, a photo, or a text over the limit).</summary>
    private static string Typed(Input input) =>
        input is { Choice: null, Caption: null, Text: { Length: <= Words.MaxAnswerLength } t } ? Words.Clean(t) : string.Empty;

    private static readonly JsonSerializerOptions DraftJson = new(JsonSerializerDefaults.Web);

    private static T Draft<T>(Conversation c) => JsonSerializer.Deserialize<T>(c.DraftJson, DraftJson)!;

    private static async Task<Bed> MelatiAsync()
    {
        var logs = new CapturedLogs();
        var bot = await BotHost.StartAsync(logs: logs);
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");
        await Scenario.JoinAsync(bot, "ani", codes.Member, "Ani");
        await Scenario.JoinAsync(bot, "rina", codes.Leader, "Rina");
        return new Bed { Bot = bot, Logs = logs };
    }

    /// <param name="likely">Text close to what the step asks for, mixed in so valid and nearly valid answers come up too.</param>
    private static Task FuzzAsync(Bed bed, bool inFlow, Func<Input, Task> send, Gen<string>? likely = null) =>
        (likely is null ? Inputs : Gen.Frequency((3, Inputs), (1, likely.Select(t => new Input(t, null, null)))))
            .Where(i => !bed.IsCommand(i, inFlow))
            .SampleAsync(send, seed: Hostile.Seed, iter: Iterations, threads: 1, print: i => i.ToString());

    [Fact]
    public async Task A_stranger_gets_one_reply_to_anything_and_nothing_is_stored_about_her()
    {
        await using var bed = await MelatiAsync();
        var people = await bed.Bot.DbAsync(db => db.People.CountAsync());

        // Samples run one after another on the same bot, so a conversation left by one input shows
        // up under whichever input the shrinker ends with: the first culprit is kept and reported.
        string? first = null;
        await FuzzAsync(bed, inFlow: false, async input =>
        {
            var reply = await bed.SendAsync("stranger", input);

            var conversation = await bed.ConversationAsync("stranger");
            first ??= conversation is null ? null : $"{input} -> \"{reply.Text}\" left {conversation.Flow}/{conversation.Step} {conversation.DraftJson}";
            Assert.True(conversation is null, $"a conversation was started; first by: {first}");
            Assert.Equal(people, await bed.Bot.DbAsync(db => db.People.CountAsync()));
            Assert.False(await bed.Bot.DbAsync(db => db.ChatIdentities.AnyAsync(i => i.Address == "stranger")));
        });

        await bed.AssertInboxCleanAsync();
        // and she can still join as usual
        var codes = Scenario.Codes(await bed.Bot.TextAsync("rina", "kode"));
        Assert.Contains("Selamat bergabung", await Scenario.JoinAsync(bed.Bot, "stranger", codes.Member, "Wati"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_gets_one_reply_to_anything_and_her_records_stay_as_they_were()
    {
        await using var bed = await MelatiAsync();
        bed.Bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(7)));
        await bed.Bot.SayAsync("siti", "hadir");
        var before = await bed.Bot.DbAsync(async db => (
            Person: await db.People.AsNoTracking().Where(p => p.Name == "Siti").Select(p => new { p.Name, p.Language }).SingleAsync(),
            Memberships: await db.Memberships.CountAsync(),
            Attendance: await db.Attendance.Select(a => new { a.PersonId, a.Status }).ToListAsync()));

        await FuzzAsync(bed, inFlow: false, async input =>
        {
            await bed.SendAsync("siti", input);

            Assert.Null(await bed.ConversationAsync("siti"));
            var after = await bed.Bot.DbAsync(async db => (
                Person: await db.People.AsNoTracking().Where(p => p.Name == "Siti").Select(p => new { p.Name, p.Language }).SingleAsync(),
                Memberships: await db.Memberships.CountAsync(),
                Attendance: await db.Attendance.Select(a => new { a.PersonId, a.Status }).ToListAsync()));
            Assert.Equal(before.Person, after.Person);
            Assert.Equal(before.Memberships, after.Memberships);
            Assert.Equal(before.Attendance, after.Attendance);
        });

        await bed.AssertInboxCleanAsync();
        Assert.StartsWith("Diubah menjadi: Izin", await bed.Bot.TextAsync("siti", "izin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inside_lapor_bad_amounts_re_ask_and_the_amounts_already_given_are_saved_in_the_end()
    {
        await using var bed = await MelatiAsync();
        bed.Bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.FromHours(7)));
        await bed.Bot.SayAsync("rina", "lapor");
        Assert.Equal(MeetingPicker.Step, (await bed.ConversationAsync("rina"))!.Step);

        // Which meeting: a date typed any way, or a meeting button (hostile ones name meetings that are not hers).
        await FuzzAsync(bed, inFlow: true, async input =>
        {
            var before = (await bed.ConversationAsync("rina"))!;
            await bed.SendAsync("rina", input);
            await bed.AssertStayedOrGoesBackAsync("rina", before);
        });

        await bed.Bot.SayAsync("rina", "hari ini");
        await bed.Bot.SayAsync("rina", "250rb");
        await bed.Bot.SayAsync("rina", "1,5 juta");
        Assert.Equal(nameof(ReportField.Repayments), (await bed.ConversationAsync("rina"))!.Step);

        await FuzzAsync(bed, inFlow: true, async input =>
        {
            var before = (await bed.ConversationAsync("rina"))!;
            await bed.SendAsync("rina", input);

            var after = (await bed.ConversationAsync("rina"))!;
            if (Rupiah.Parse(Typed(input), out var amount) == AmountProblem.None)
            {
                // Exactly what the rupiah parser reads is taken, and nothing else.
                Assert.Equal(nameof(ReportField.FinesAndSocial), after.Step);
                Assert.Equal(amount, Draft<ReportFlow.Draft>(after).Values[ReportField.Repayments]);
            }
            else
            {
                Assert.Equal(before.Step, after.Step);
            }

            await bed.AssertStayedOrGoesBackAsync("rina", before);
        }, likely: Hostile.AmountLike);

        foreach (var answer in new[] { "300rb", "0", "4 jt", "2.050.000", "2" })
        {
            await bed.Bot.SayAsync("rina", answer);
        }

        Assert.StartsWith("Laporan Melati untuk Jumat, 4 Desember 2026 sudah disimpan.", await bed.Bot.TextAsync("rina", "simpan"), StringComparison.Ordinal);
        var report = await bed.Bot.DbAsync(db => db.SavingsReports.SingleAsync());
        Assert.Equal((250_000L, 1_500_000L, 300_000L, 0L, 4_000_000L, 2_050_000L, 2),
            (report.Savings, report.LoansDisbursed, report.Repayments, report.FinesAndSocial, report.LoansOutstanding, report.CashBalance, report.MembersSaved));
        await bed.AssertInboxCleanAsync();
    }

    [Fact]
    public async Task Inside_notulen_every_readable_line_is_added_to_the_topics_and_nothing_written_is_lost()
    {
        await using var bed = await MelatiAsync();
        bed.Bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(7)));
        await bed.Bot.SayAsync("siti", "hadir");
        bed.Bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.FromHours(7)));
        await bed.Bot.SayAsync("rina", "notulen");
        await bed.Bot.SayAsync("rina", "hari ini");
        await bed.Bot.SayAsync("rina", "Membahas jadwal simpan pinjam.");
        Assert.Equal("topics", (await bed.ConversationAsync("rina"))!.Step);

        await FuzzAsync(bed, inFlow: true, async input =>
        {
            var before = (await bed.ConversationAsync("rina"))!;
            var topics = Draft<MinutesFlow.Draft>(before).Topics;
            await bed.SendAsync("rina", input);

            var after = (await bed.ConversationAsync("rina"))!;
            var typed = Typed(input);
            var done = (input.Choice ?? typed.ToLowerInvariant()) is "minutes:done" or "selesai" or "done" or "sudah";
            if (!done && typed.Length > 0 && topics.Length + 1 + typed.Length <= MinutesFlow.MaxTextLength)
            {
                // Each message is one more line of the topics; the earlier lines stay as they were.
                Assert.Equal("topics", after.Step);
                Assert.Equal(topics + "\n" + typed, Draft<MinutesFlow.Draft>(after).Topics);
            }
            else
            {
                await bed.AssertStayedOrGoesBackAsync("rina", before);
            }
        });

        var written = Draft<MinutesFlow.Draft>((await bed.ConversationAsync("rina"))!).Topics;
        Assert.StartsWith("Membahas jadwal simpan pinjam.", written, StringComparison.Ordinal);
        foreach (var answer in new[] { "selesai", "Iuran naik jadi 10rb.", "selesai", "lewati", "lewati", "selesai" })
        {
            await bed.Bot.SayAsync("rina", answer);
        }

        Assert.StartsWith("Notulen Melati untuk Jumat, 4 Desember 2026 sudah disimpan.", await bed.Bot.TextAsync("rina", "simpan"), StringComparison.Ordinal);
        var minutes = await bed.Bot.DbAsync(db => db.Minutes.SingleAsync());
        Assert.Equal((written, "Iuran naik jadi 10rb."), (minutes.Topics, minutes.Decisions));
        await bed.AssertInboxCleanAsync();
    }

    [Fact]
    public async Task Inside_mulai_bad_answers_re_ask_and_the_language_chosen_first_is_kept_to_the_welcome()
    {
        await using var bed = await MelatiAsync();
        var codes = Scenario.Codes(await bed.Bot.TextAsync("rina", "kode"));
        var newcomers = 0;

        // A newcomer at the name question, having chosen English and typed the member code.
        async Task<string> AtNameAsync()
        {
            var user = $"newcomer{++newcomers}";
            await bed.Bot.SayAsync(user, "mulai");
            await bed.Bot.ChooseAsync(user, "lang:en");
            await bed.Bot.SayAsync(user, codes.Member.ToLowerInvariant());
            Assert.Equal(OnboardingFlow.NameStep, (await bed.ConversationAsync(user))!.Step);
            return user;
        }

        await bed.Bot.SayAsync("newcomer0", "mulai");
        await FuzzAsync(bed, inFlow: true, async input =>
        {
            var before = (await bed.ConversationAsync("newcomer0"))!;
            await bed.SendAsync("newcomer0", input);

            var language = LanguageWords.Parse(input.Choice ?? Typed(input).ToLowerInvariant());
            Assert.Equal(language is null ? "language" : OnboardingFlow.CodeStep, (await bed.ConversationAsync("newcomer0"))!.Step);
            await bed.AssertStayedOrGoesBackAsync("newcomer0", before);
        });

        await bed.Bot.ChooseAsync("newcomer0", "lang:en");
        await FuzzAsync(bed, inFlow: true, async input =>
        {
            var before = (await bed.ConversationAsync("newcomer0"))!;
            await bed.SendAsync("newcomer0", input);

            Assert.NotEqual(codes.Member, JoinCodes.Normalize(Typed(input)));
            await bed.AssertStayedOrGoesBackAsync("newcomer0", before);
        });

        var user = await AtNameAsync();
        await FuzzAsync(bed, inFlow: true, async input =>
        {
            var before = (await bed.ConversationAsync(user))!;
            var reply = await bed.SendAsync(user, input);

            var name = Names.Tidy(Typed(input));
            if (!Names.IsPlausible(name, OnboardingFlow.MaxNameLength))
            {
                await bed.AssertStayedOrGoesBackAsync(user, before);
                return;
            }

            // A readable name joins her, in the language she chose two questions earlier.
            Assert.StartsWith("Welcome", reply.Text, StringComparison.Ordinal);
            Assert.Null(await bed.ConversationAsync(user));
            var person = await bed.Bot.DbAsync(db => db.ChatIdentities.Where(i => i.Address == user).Select(i => i.Person!).SingleAsync());
            Assert.Equal((name, "en"), (person.Name, person.Language));
            Assert.True(await bed.Bot.DbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == person.Id && m.Group!.Name == "Melati")));
            user = await AtNameAsync();
        });

        Assert.StartsWith("Welcome", await bed.Bot.TextAsync(user, "Wati"), StringComparison.Ordinal);
        await bed.AssertInboxCleanAsync();
    }

    [Fact]
    public async Task Every_command_with_hostile_words_after_it_answers_without_an_error()
    {
        await using var bed = await MelatiAsync();
        bed.Bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(7)));
        var words = bed.Router.Commands.SelectMany(c => c.Info.Words).ToArray();

        await Gen.Select(Gen.OneOf(words), Hostile.WellFormedText, Gen.OneOf("admin", "rina", "siti", "stranger")).SampleAsync(async (word, args, user) =>
        {
            var replies = await bed.Bot.PostAsync(new { user, text = $"{word} {args}" });

            bed.AssertNoErrors();
            Assert.NotEmpty(replies);
            Assert.All(replies, r => Assert.False(string.IsNullOrWhiteSpace(r.Text) && r.Choices.Count == 0));
            if (await bed.ConversationAsync(user) is not null)
            {
                await bed.SendAsync(user, new Input("batal", null, null));
                Assert.Null(await bed.ConversationAsync(user));
            }
        }, seed: Hostile.Seed, iter: Iterations * 2, threads: 1, print: t => $"{t.Item3}: {t.Item1} {Hostile.Show(t.Item2)}");

        await bed.AssertInboxCleanAsync();
    }
}
