using GroupBot.Tests.Support;

namespace GroupBot.Tests.Channels.Telegram;

/// <summary>The bot on a real clock, with Telegram pointed at a <see cref="FakeBotApi"/>, and the simulator for the admin.</summary>
public sealed class TelegramTestBed : IAsyncDisposable
{
    private TelegramTestBed(FakeBotApi api, BotHost bot, CapturedLogs logs)
    {
        Api = api;
        Bot = bot;
        Logs = logs;
    }

    public FakeBotApi Api { get; }
    public BotHost Bot { get; private set; }
    public CapturedLogs Logs { get; }

    public static async Task<TelegramTestBed> StartAsync(IDictionary<string, string?>? extra = null, FakeBotApi? api = null, string? folder = null)
    {
        api ??= new FakeBotApi();
        var logs = new CapturedLogs();
        var bot = await BotHost.StartAsync(folder: folder, settings: Settings(api, extra), realClock: true, logs: logs);
        var bed = new TelegramTestBed(api, bot, logs);
        await api.WaitForAsync(a => a.Sent("setMyCommands").Count() >= 3);
        return bed;
    }

    public static Dictionary<string, string?> Settings(FakeBotApi api, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Simulator:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Trace",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return settings;
    }

    /// <summary>A group (via the simulator admin) whose meeting started half an hour ago, so attendance is open now.</summary>
    public async Task<Scenario.GroupCodes> GroupMeetingNowAsync(string group = "Melati")
    {
        var jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        var local = TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, jakarta);
        var start = local.TimeOfDay < TimeSpan.FromMinutes(30) ? TimeSpan.Zero : local.TimeOfDay - TimeSpan.FromMinutes(30);
        return await Scenario.CreateGroupAsync(Bot, group: group, day: $"day:{(int)local.DayOfWeek}", time: $"{start.Hours:00}.{start.Minutes:00}");
    }

    /// <summary>Someone joins in a private Telegram chat: /start, language button, code, name.</summary>
    public async Task JoinAsync(long userId, string code, string name)
    {
        Api.PushText(userId, userId, "/start", name);
        await Api.WaitForAsync(a => a.TextsTo(userId).Any(t => t.StartsWith("Pilih bahasa", StringComparison.Ordinal)));
        Api.PushCallback(userId, userId, Api.LastMessageIdTo(userId), "lang:id");
        await Api.WaitForAsync(a => a.TextsTo(userId).Any(t => t.StartsWith("Ketik kode kelompok", StringComparison.Ordinal)));
        Api.PushText(userId, userId, code, name);
        await Api.WaitForAsync(a => a.TextsTo(userId).Any(t => t.StartsWith("Siapa nama Anda", StringComparison.Ordinal)));
        Api.PushText(userId, userId, name, name);
        await Api.WaitForAsync(a => a.TextsTo(userId).Any(t => t.StartsWith("Selamat bergabung", StringComparison.Ordinal) || t.StartsWith("Apa peran", StringComparison.Ordinal)));
        if (Api.TextsTo(userId)[^1].StartsWith("Apa peran", StringComparison.Ordinal))
        {
            Api.PushCallback(userId, userId, Api.LastMessageIdTo(userId), "role:Leader");
            await Api.WaitForAsync(a => a.TextsTo(userId).Any(t => t.StartsWith("Selamat bergabung", StringComparison.Ordinal)));
        }
    }

    /// <summary>Sends a text and waits until the bot has answered that chat with one more message.</summary>
    public async Task<string> SayAsync(long chatId, long fromId, string text, string chatType = "private")
    {
        var before = Api.TextsTo(chatId).Count;
        Api.PushText(chatId, fromId, text, chatType: chatType);
        await Api.WaitForAsync(a => a.TextsTo(chatId).Count > before);
        return Api.TextsTo(chatId)[before];
    }

    /// <summary>Presses the inline button with this label on the last keyboard sent to the chat, and waits for the answer.</summary>
    public async Task<string> PressAsync(long chat, string label)
    {
        var before = Api.TextsTo(chat).Count;
        var sent = Api.Sent("sendMessage").Last(c => c.Body!["chat_id"]!.GetValue<long>() == chat && c.Body["reply_markup"]?["inline_keyboard"] is not null);
        var data = sent.Body!["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray())
            .Single(b => b!["text"]!.GetValue<string>() == label)!["callback_data"]!.GetValue<string>();
        Api.PushCallback(chat, chat, Api.LastMessageIdTo(chat), data);
        await Api.WaitForAsync(a => a.TextsTo(chat).Count > before);
        return Api.TextsTo(chat)[^1];
    }

    private readonly List<BotHost> _stopped = [];

    public async Task RestartAsync()
    {
        _stopped.Add(Bot);
        Bot = await Bot.RestartAsync(Settings(Api));
        await Api.WaitForAsync(a => a.Sent("getUpdates").Any());
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        foreach (var old in _stopped)
        {
            await old.DisposeAsync();
        }

        await Api.DisposeAsync();
    }
}
