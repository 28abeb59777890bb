using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GroupBot.Tests.Chat;

/// <summary>The state machine alone: plain objects on an in-memory SQLite database, no host.</summary>
public sealed class ConversationEngineTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));
    private readonly IOptions<GroupBotOptions> _options = Options.Create(new GroupBotOptions());
    private readonly PetFlow _flow = new();
    private int _messageId;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync();
        await using var db = NewDb();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private GroupBotDb NewDb() => new(new DbContextOptionsBuilder<GroupBotDb>().UseSqlite(_connection).Options);

    /// <summary>Sends one message through the engine and saves, as the message handler does.</summary>
    private async Task<List<string>> SendAsync(string? text, string? choice = null)
    {
        await using var db = NewDb();
        var message = new IncomingMessage
        {
            Channel = "test",
            ChatId = "c1",
            SenderId = "u1",
            ExternalId = $"{++_messageId}",
            Text = text,
            ChoiceId = choice,
        };
        var turn = new Turn(db, message, new Caller(), new Texts(), new LocalClock(_time, _options));
        var router = new Router([new PetCommand(_flow)]);
        await new ConversationEngine(router, [_flow], _options, []).HandleAsync(turn, TestContext.Current.CancellationToken);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return [.. turn.Replies.Select(r => r.Text)];
    }

    private async Task<Conversation?> StateAsync()
    {
        await using var db = NewDb();
        return await db.Conversations.SingleOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_command_starts_the_flow_at_its_first_step()
    {
        Assert.Equal(["name?"], await SendAsync("pet"));
        var state = await StateAsync();
        Assert.Equal(("pet", "name"), (state!.Flow, state.Step));
    }

    [Fact]
    public async Task A_good_answer_moves_on_and_keeps_the_answer_in_the_draft()
    {
        await SendAsync("pet");
        Assert.Equal(["legs?"], await SendAsync("Rex"));
        var state = await StateAsync();
        Assert.Equal("legs", state!.Step);
        Assert.Contains("Rex", state.DraftJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_answer_re_asks_in_one_sentence_and_keeps_step_and_draft()
    {
        await SendAsync("pet");
        await SendAsync("Rex");
        Assert.Equal(["legs must be a number, e.g. 4"], await SendAsync("many"));
        var state = await StateAsync();
        Assert.Equal("legs", state!.Step);
        Assert.Contains("Rex", state.DraftJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kembali_goes_back_one_step_and_restores_that_steps_draft()
    {
        await SendAsync("pet");
        await SendAsync("Rex");
        Assert.Equal(["name?"], await SendAsync("kembali"));
        Assert.Equal("name", (await StateAsync())!.Step);
        Assert.Equal(["legs?"], await SendAsync("Fido"));
        Assert.Equal(["Fido has 4 legs"], await SendAsync("4"));
        Assert.Null(await StateAsync());
    }

    [Fact]
    public async Task Kembali_at_the_first_step_says_so_and_asks_again()
    {
        await SendAsync("pet");
        Assert.Equal(["Ini sudah pertanyaan pertama.", "name?"], await SendAsync("KEMBALI"));
    }

    [Fact]
    public async Task Batal_ends_the_flow_and_saves_nothing()
    {
        await SendAsync("pet");
        await SendAsync("Rex");
        Assert.Equal(["Dibatalkan. Tidak ada yang disimpan."], await SendAsync("/batal"));
        Assert.Null(await StateAsync());
    }

    [Fact]
    public async Task Bantuan_inside_a_flow_explains_and_re_asks_without_losing_the_step()
    {
        await SendAsync("pet");
        await SendAsync("Rex");
        var replies = await SendAsync("bantuan");
        Assert.Equal(2, replies.Count);
        Assert.Contains("kembali", replies[0], StringComparison.Ordinal);
        Assert.Equal("legs?", replies[1]);
        Assert.Equal("legs", (await StateAsync())!.Step);
    }

    [Fact]
    public async Task A_conversation_idle_past_the_timeout_ends_with_a_message_and_the_new_text_is_handled_fresh()
    {
        await SendAsync("pet");
        _time.Advance(TimeSpan.FromMinutes(31));
        var replies = await SendAsync("pet");
        Assert.Equal(2, replies.Count);
        Assert.StartsWith("Percakapan tadi ditutup", replies[0], StringComparison.Ordinal);
        Assert.Equal("name?", replies[1]);
    }

    [Fact]
    public async Task An_answer_within_the_timeout_keeps_the_conversation_alive()
    {
        await SendAsync("pet");
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(["legs?"], await SendAsync("Rex"));
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(["Rex has 3 legs"], await SendAsync("3"));
    }

    [Fact]
    public async Task A_button_from_a_finished_flow_is_called_stale()
    {
        Assert.Equal(["Tombol itu sudah tidak berlaku. Ketik bantuan untuk melihat menu."], await SendAsync(null, "legs:4"));
    }

    private sealed class PetCommand(PetFlow flow) : ICommand
    {
        public CommandInfo Info { get; } = new("pet", ["pet"], Audience.Anyone, null);

        public Task RunAsync(Turn turn, string args, CancellationToken ct)
        {
            turn.Start(flow, new PetFlow.Draft());
            return Task.CompletedTask;
        }
    }

    private sealed class PetFlow : Flow<PetFlow.Draft>
    {
        public sealed class Draft
        {
            public string? Name { get; set; }
        }

        public override string Name => "pet";
        public override string FirstStep => "name";
        public override string HelpKey => "Help.Onboarding";

        protected override IReadOnlyDictionary<string, Step<Draft>> DefineSteps() => new Dictionary<string, Step<Draft>>
        {
            ["name"] = new()
            {
                Ask = (turn, d, ct) => { turn.Say("name?"); return Task.CompletedTask; },
                Answer = (turn, d, a, ct) => { d.Name = a.Text; return Task.FromResult(Next.GoTo("legs")); },
            },
            ["legs"] = new()
            {
                Ask = (turn, d, ct) => { turn.Say("legs?"); return Task.CompletedTask; },
                Answer = (turn, d, a, ct) =>
                {
                    if (!int.TryParse(a.Text, out var legs))
                    {
                        return Task.FromResult(Next.Retry("legs must be a number, e.g. 4"));
                    }

                    turn.Say($"{d.Name} has {legs} legs");
                    return Task.FromResult(Next.Done);
                },
            },
        };
    }
}
