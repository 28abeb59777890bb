using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using GroupBot.Attendance;
using GroupBot.Channels.Telegram;
using GroupBot.Chat;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Channels.Telegram;

/// <summary>The real Telegram.Bot client against a loopback fake Bot API.</summary>
public sealed class TelegramChannelTests
{
    private const long Siti = 42;
    private const long Ani = 43;
    private const long Rina = 50;
    private const long GroupChat = -1001234567890;

    [Fact]
    public async Task At_start_the_bot_calls_getMe_deletes_the_webhook_and_sets_commands_in_both_languages()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        Assert.Single(bed.Api.Sent("getMe"));
        Assert.Single(bed.Api.Sent("deleteWebhook"));
        var commands = bed.Api.Sent("setMyCommands").ToList();
        Assert.Contains(commands, c => c.Body!["language_code"]?.GetValue<string>() == "en" && c.RawBody.Contains("\"rollcall\"", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Body!["language_code"]?.GetValue<string>() == "id" && c.RawBody.Contains("\"hadir\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Onboarding_in_a_private_chat_with_an_inline_button_that_cannot_be_pressed_twice()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bed.Bot);

        bed.Api.PushText(Siti, Siti, "/start");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 1);
        var ask = bed.Api.Sent("sendMessage").Last();
        Assert.Equal("lang:id", ask.Body!["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());
        var keyboardMessage = bed.Api.LastMessageIdTo(Siti);
        bed.Api.PushCallback(Siti, Siti, keyboardMessage, "lang:id");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 2);
        await bed.Api.WaitForAsync(a => a.Sent("answerCallbackQuery").Any() && a.Sent("editMessageReplyMarkup").Any());
        bed.Api.PushText(Siti, Siti, codes.Member.ToLowerInvariant());
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 3);
        bed.Api.PushText(Siti, Siti, "Siti Aminah");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 4);

        // The same keyboard pressed again: answered, but nothing happens twice.
        bed.Api.PushCallback(Siti, Siti, keyboardMessage, "lang:id");
        await bed.Api.WaitForAsync(a => a.Sent("answerCallbackQuery").Count() == 2);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["Pilih bahasa / Choose your language:", "Ketik kode kelompok dari ketua atau pendamping Anda. Contoh: K7M4QX"],
            bed.Api.TextsTo(Siti).Take(2));
        Assert.StartsWith("Selamat bergabung, Siti Aminah!", bed.Api.TextsTo(Siti)[3]);
        Assert.Equal(4, bed.Api.TextsTo(Siti).Count);
        var edit = bed.Api.Sent("editMessageReplyMarkup").First();
        Assert.Equal(keyboardMessage, edit.Body!["message_id"]!.GetValue<int>());
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.ChatIdentities.CountAsync(i => i.Channel == "telegram" && i.Address == "42")));
    }

    [Fact]
    public async Task A_roll_call_is_driven_by_inline_buttons()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.SayAsync(Rina, Rina, "anggota tambah Bu Wati");

        Assert.Equal("(1/2) Bu Wati – hadir?", await bed.SayAsync(Rina, Rina, "/absen"));
        foreach (var label in new[] { "Hadir", "Sakit" })
        {
            var before = bed.Api.TextsTo(Rina).Count;
            var keyboard = bed.Api.Sent("sendMessage").Last(c => c.Body!["chat_id"]!.GetValue<long>() == Rina)
                .Body!["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray());
            var data = keyboard.Single(b => b!["text"]!.GetValue<string>() == label)!["callback_data"]!.GetValue<string>();
            bed.Api.PushCallback(Rina, Rina, bed.Api.LastMessageIdTo(Rina), data);
            await bed.Api.WaitForAsync(a => a.TextsTo(Rina).Count > before);
        }

        Assert.StartsWith("Absen Melati:", bed.Api.TextsTo(Rina)[^1]);
        bed.Api.PushCallback(Rina, Rina, bed.Api.LastMessageIdTo(Rina), "confirm:save");
        await bed.Api.WaitForAsync(a => a.TextsTo(Rina)[^1].StartsWith("Absen disimpan", StringComparison.Ordinal));

        Assert.Equal("Absen disimpan. 1 dari 2 anggota hadir.", bed.Api.TextsTo(Rina)[^1]);
    }

    [Fact]
    public async Task In_a_linked_group_chat_hadir_records_the_sender_and_the_reply_mentions_her()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.JoinAsync(Siti, codes.Member, "Siti");

        var notLinked = await bed.SayAsync(GroupChat, Siti, $"/hadir@{FakeBotApi.BotUsername}", "supergroup");
        var linked = await bed.SayAsync(GroupChat, Rina, $"/hubungkan@{FakeBotApi.BotUsername}", "supergroup");
        bed.Api.PushText(GroupChat, Siti, "/hadir@SomeOtherBot", chatType: "supergroup");
        bed.Api.PushText(GroupChat, Siti, "/terbang", chatType: "supergroup");
        var present = await bed.SayAsync(GroupChat, Siti, $"/hadir@{FakeBotApi.BotUsername}", "supergroup");
        var privateOnly = await bed.SayAsync(GroupChat, Siti, "/lapor", "supergroup");

        Assert.Equal("<a href=\"tg://user?id=42\">Siti</a>: Grup ini belum terhubung ke kelompok. Ketua bisa ketik /hubungkan di sini.", notLinked);
        Assert.Contains("Grup ini sekarang terhubung dengan kelompok Melati.", linked, StringComparison.Ordinal);
        Assert.Equal("<a href=\"tg://user?id=42\">Siti</a>: Tercatat: Hadir di pertemuan Melati. 1 dari 2 anggota hadir.", present);
        Assert.EndsWith("Perintah ini dipakai di chat pribadi dengan saya, bukan di grup.", privateOnly);
        Assert.Equal(4, bed.Api.TextsTo(GroupChat).Count); // the other bot's command and the unknown one got no answer
        Assert.Equal("Html", bed.Api.Sent("sendMessage").Last().Body!["parse_mode"]!.GetValue<string>(), ignoreCase: true);
        Assert.DoesNotContain(bed.Api.TextsTo(GroupChat), t => t.Contains(codes.Member, StringComparison.Ordinal));
        Assert.Equal(GroupChat, await bed.Bot.DbAsync(db => db.Groups.Select(g => g.TelegramChatId).SingleAsync()));
    }

    [Fact]
    public async Task Hostile_text_gets_one_answer_in_a_private_chat_and_in_a_group_chat_only_a_command_is_answered()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.JoinAsync(Siti, codes.Member, "Siti");
        await bed.SayAsync(GroupChat, Rina, "/hubungkan", "supergroup");
        var router = bed.Bot.Services.GetRequiredService<Router>();
        var texts = Hostile.WellFormedText.Where(t => t.Length <= 4096 && !TelegramTranslator.IsForAnotherBot(t, FakeBotApi.BotUsername));

        await Gen.Select(texts, Gen.Bool).SampleAsync(async (text, inGroup) =>
        {
            var id = bed.Api.PushText(inGroup ? GroupChat : Siti, Siti, text, chatType: inGroup ? "supergroup" : "private");

            var entry = await WaitForHandledAsync(bed, id);
            var replies = await bed.Bot.DbAsync(db => db.Outbox.CountAsync(o => o.InboxEntryId == entry.Id));
            Assert.Null(entry.Error);
            var clean = Words.Clean(text);
            var command = GlobalWords.Match(clean) != GlobalWord.None || router.Find(clean) is not null;
            if (!inGroup)
            {
                Assert.True(command ? replies >= 1 : replies == 1, $"{replies} replies");
            }
            else if (!command)
            {
                // In a group the bot also sees replies to its own messages: what is not a command is left to the people there.
                Assert.Equal(0, replies);
            }
        }, seed: Hostile.Seed, iter: 40, threads: 1, print: t => $"{(t.Item2 ? "group" : "private")}: {Hostile.Show(t.Item1)}");

        Assert.DoesNotContain(bed.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_a_group_chat_an_emoji_or_an_empty_reply_to_the_bot_gets_no_answer()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.JoinAsync(Siti, codes.Member, "Siti");
        await bed.SayAsync(GroupChat, Rina, "/hubungkan", "supergroup");

        var thumbsUp = await WaitForHandledAsync(bed, bed.Api.PushText(GroupChat, Siti, "👍", chatType: "supergroup"));
        var invisible = await WaitForHandledAsync(bed, bed.Api.PushText(GroupChat, Siti, "\u200b", chatType: "supergroup"));
        var photo = await WaitForHandledAsync(bed, bed.Api.PushPhoto(GroupChat, Siti, "photo-1", null, "supergroup"));
        var present = await bed.SayAsync(GroupChat, Siti, "/hadir", "supergroup");

        Assert.Equal(0, await bed.Bot.DbAsync(db => db.Outbox.CountAsync(o => o.InboxEntryId == thumbsUp.Id || o.InboxEntryId == invisible.Id || o.InboxEntryId == photo.Id)));
        Assert.Contains("Tercatat: Hadir", present, StringComparison.Ordinal);
    }

    private static async Task<InboxEntry> WaitForHandledAsync(TelegramTestBed bed, int updateId)
    {
        var externalId = updateId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var deadline = Deadline.In(TimeSpan.FromSeconds(20));
        while (true)
        {
            var entry = await bed.Bot.DbAsync(db => db.Inbox.AsNoTracking().SingleOrDefaultAsync(e => e.Channel == "telegram" && e.ExternalId == externalId));
            if (entry?.ProcessedUtc is not null)
            {
                return entry;
            }

            Assert.False(deadline.Passed, $"update {updateId} was not handled");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_malformed_update_while_polling_is_skipped_and_the_next_one_answered()
    {
        await using var bed = await TelegramTestBed.StartAsync();

        // A message without its chat: reading it used to throw, and the poller retried the same batch forever.
        bed.Api.Push(new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["message_id"] = 1,
                ["from"] = new JsonObject { ["id"] = Siti, ["is_bot"] = false, ["first_name"] = "Siti" },
                ["date"] = 1767225600,
                ["text"] = "hadir",
            },
        });
        var reply = await bed.SayAsync(Siti, Siti, "bantuan");

        Assert.StartsWith("Halo! Ini GroupBot", reply, StringComparison.Ordinal);
        Assert.Single(bed.Api.TextsTo(Siti));
        Assert.DoesNotContain(bed.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_supergroup_migration_moves_the_link_to_the_new_chat_id()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.SayAsync(-555, Rina, "/hubungkan", "group");

        bed.Api.Push(new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["message_id"] = 9,
                ["chat"] = new JsonObject { ["id"] = -555, ["type"] = "group" },
                ["date"] = 1767225600,
                ["migrate_to_chat_id"] = GroupChat,
            },
        });

        var deadline = Deadline.In(TimeSpan.FromSeconds(10));
        while (await bed.Bot.DbAsync(db => db.Groups.Select(g => g.TelegramChatId).SingleAsync()) != GroupChat && !deadline.Passed)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(GroupChat, await bed.Bot.DbAsync(db => db.Groups.Select(g => g.TelegramChatId).SingleAsync()));
    }

    [Fact]
    public async Task A_redelivered_update_is_handled_once()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Siti, codes.Member, "Siti");

        var before = bed.Api.TextsTo(Siti).Count;
        var id = bed.Api.PushText(Siti, Siti, "hadir");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == before + 1);
        var update = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["message_id"] = 77,
                ["from"] = new JsonObject { ["id"] = Siti, ["is_bot"] = false, ["first_name"] = "Siti" },
                ["chat"] = new JsonObject { ["id"] = Siti, ["type"] = "private" },
                ["date"] = 1767225600,
                ["text"] = "hadir",
            },
        };
        bed.Api.IgnoreOffset = true; // Telegram re-sends the same update_id
        bed.Api.Push(update, id);
        await bed.Api.WaitForAsync(a => a.Sent("getUpdates").Count(c => c.AtUtc > TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-30)) > 3);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        Assert.Equal(before + 1, bed.Api.TextsTo(Siti).Count);
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.Attendance.CountAsync()));
    }

    [Fact]
    public async Task A_429_waits_the_retry_after_the_api_asked_for()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var first = true;
        bed.Api.Script = (method, body) =>
        {
            if (method == "sendMessage" && body!["chat_id"]!.GetValue<long>() == Siti && first)
            {
                first = false;
                return FakeBotApi.FakeResponse.Error(429, "Too Many Requests: retry after 2", retryAfter: 2);
            }

            return null;
        };

        bed.Api.PushText(Siti, Siti, "bantuan");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 2);

        var attempts = bed.Api.Sent("sendMessage").Where(c => c.Body!["chat_id"]!.GetValue<long>() == Siti).Select(c => c.AtUtc).ToList();
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromSeconds(1.95), $"retried after {attempts[1] - attempts[0]}");
        Assert.Equal(OutboxStatus.Sent, await bed.Bot.DbAsync(db => db.Outbox.Where(o => o.ChatId == "42").Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_marked_unreachable()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bed.Bot);
        await bed.JoinAsync(Ani, codes.Member, "Ani");
        bed.Api.Script = (method, body) => method == "sendMessage" && body!["chat_id"]!.GetValue<long>() == Ani
            ? FakeBotApi.FakeResponse.Error(403, "Forbidden: bot was blocked by the user")
            : null;

        bed.Api.PushText(Ani, Ani, "bantuan");
        var deadline = Deadline.In(TimeSpan.FromSeconds(10));
        while (await bed.Bot.DbAsync(db => db.ChatIdentities.Where(i => i.Address == "43").Select(i => i.UnreachableUtc).SingleAsync()) is null && !deadline.Passed)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var failed = await bed.Bot.DbAsync(db => db.Outbox.Where(o => o.ChatId == "43" && o.Status == OutboxStatus.Failed).SingleAsync());
        Assert.Equal("403 Forbidden: bot was blocked by the user", failed.LastError);
        Assert.NotNull(await bed.Bot.DbAsync(db => db.ChatIdentities.Where(i => i.Address == "43").Select(i => i.UnreachableUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_restart_during_polling_loses_no_update_and_handles_none_twice()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        long[] members = [61, 62, 63, 64, 65, 66];
        foreach (var m in members)
        {
            await bed.JoinAsync(m, codes.Member, $"Ibu {(char)('A' + m - 61)}");
        }

        // Half the members report, the host stops at once, the rest report while it is down.
        foreach (var m in members[..3])
        {
            bed.Api.PushText(m, m, "hadir");
        }

        bed.Api.IgnoreOffset = true; // as if the offset confirmation was lost: Telegram sends everything again
        await bed.RestartAsync();
        foreach (var m in members[3..])
        {
            bed.Api.PushText(m, m, "/hadir");
        }

        await bed.Api.WaitForAsync(a => members.All(m => a.TextsTo(m).Any(t => t.StartsWith("Tercatat", StringComparison.Ordinal))), 30);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        Assert.All(members, m => Assert.Single(bed.Api.TextsTo(m), t => t.StartsWith("Tercatat", StringComparison.Ordinal)));
        Assert.Equal(members.Length, await bed.Bot.DbAsync(db => db.Attendance.CountAsync()));
        Assert.DoesNotContain(bed.Api.TextsTo(61), t => t.StartsWith("Sudah tercatat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Polling_resumes_from_the_stored_offset_after_a_restart()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var last = bed.Api.PushText(Siti, Siti, "bantuan");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 1);
        await bed.Api.WaitForAsync(a => a.Sent("getUpdates").Any(c => c.Body?["offset"]?.GetValue<int>() == last + 1));

        var before = bed.Api.Calls.Count;
        await bed.RestartAsync();
        await bed.Api.WaitForAsync(a => a.Calls.Skip(before).Any(c => c.Method == "getUpdates"));

        var afterRestart = bed.Api.Calls.Skip(before).First(c => c.Method == "getUpdates");
        Assert.Equal(last + 1, afterRestart.Body!["offset"]!.GetValue<int>());
    }

    [Fact]
    public async Task Polling_errors_back_off_and_the_bot_token_never_reaches_the_logs()
    {
        var failures = 0;
        var api = new FakeBotApi
        {
            Script = (method, _) => method == "getUpdates" && Interlocked.Increment(ref failures) <= 2
                ? FakeBotApi.FakeResponse.Error(502, "Bad Gateway")
                : null,
        };
        await using var bed = await TelegramTestBed.StartAsync(api: api);
        bed.Api.Script = (method, body) => method switch
        {
            "getUpdates" when Interlocked.Increment(ref failures) <= 2 => FakeBotApi.FakeResponse.Error(502, "Bad Gateway"),
            "sendMessage" when body!["chat_id"]!.GetValue<long>() == Ani => FakeBotApi.FakeResponse.Error(403, "Forbidden: bot was blocked by the user"),
            _ => null,
        };

        bed.Api.PushText(Siti, Siti, "bantuan");
        bed.Api.PushText(Ani, Ani, "bantuan");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 1, 30);
        await bed.Api.WaitForAsync(a => a.Sent("sendMessage").Any(c => c.Body!["chat_id"]!.GetValue<long>() == Ani));

        var polls = bed.Api.Sent("getUpdates").Select(c => c.AtUtc).ToList();
        Assert.True(polls[2] - polls[1] >= TimeSpan.FromSeconds(0.9), "the second retry waited");
        Assert.Contains(bed.Logs.Lines, l => l.Contains("getUpdates failed", StringComparison.Ordinal));
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains(FakeBotApi.Token, StringComparison.Ordinal) || l.Contains("TEST-TOKEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_photo_in_the_minutes_flow_is_kept_as_its_file_id()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.JoinAsync(Siti, codes.Member, "Siti");
        await bed.SayAsync(Siti, Siti, "hadir");

        await bed.SayAsync(Rina, Rina, "/notulen");
        foreach (var answer in new[] { "hari ini", "Jadwal arisan.", "selesai", "Iuran naik.", "selesai", "lewati", "lewati" })
        {
            await bed.SayAsync(Rina, Rina, answer);
        }

        var before = bed.Api.TextsTo(Rina).Count;
        bed.Api.PushPhoto(Rina, Rina, "AgACAgUAAxkBAAIBig", "Daftar hadir");
        await bed.Api.WaitForAsync(a => a.TextsTo(Rina).Count > before);
        await bed.SayAsync(Rina, Rina, "selesai");
        var saved = await bed.SayAsync(Rina, Rina, "simpan");

        Assert.Equal("Foto diterima (1). Kirim lagi, atau tekan Selesai.", bed.Api.TextsTo(Rina)[before]);
        Assert.StartsWith("Notulen Melati untuk", saved);
        var photos = await bed.Bot.DbAsync(db => db.Minutes.Select(m => m.PhotosJson).SingleAsync());
        Assert.Contains("\"AgACAgUAAxkBAAIBig\"", photos, StringComparison.Ordinal);
        Assert.Contains("Daftar hadir", photos, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_and_photos_go_out_as_uploaded_files_and_messages_to_one_chat_are_spaced()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        await bed.Bot.DbAsync(async db =>
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            Outbox.Enqueue(db, "telegram", "42", new OutgoingMessage { Text = "Ekspor", Document = new OutgoingFile("ringkasan.csv", "text/csv", Encoding.UTF8.GetBytes("a,b\n1,2")) }, OutboxPriority.Bulk, now);
            Outbox.Enqueue(db, "telegram", "42", new OutgoingMessage { Text = "Grafik", Photo = new OutgoingFile("grafik.png", "image/png", [137, 80, 78, 71]) }, OutboxPriority.Bulk, now);
            Outbox.Enqueue(db, "telegram", "42", OutgoingMessage.Plain("Selesai"), OutboxPriority.Bulk, now);
            return await db.SaveChangesAsync();
        });
        bed.Bot.Services.GetRequiredService<Outbox>().Wake();

        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count == 1);

        var document = Assert.Single(bed.Api.Sent("sendDocument"));
        var photo = Assert.Single(bed.Api.Sent("sendPhoto"));
        Assert.Contains("ringkasan.csv", document.RawBody, StringComparison.Ordinal);
        Assert.Contains("a,b", document.RawBody, StringComparison.Ordinal);
        Assert.Contains("grafik.png", photo.RawBody, StringComparison.Ordinal);
        var times = new[] { document.AtUtc, photo.AtUtc, bed.Api.Sent("sendMessage").Last().AtUtc };
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(0.9) && times[2] - times[1] >= TimeSpan.FromSeconds(0.9),
            $"sends to one chat were {times[1] - times[0]} and {times[2] - times[1]} apart");
    }

    [Fact]
    public void Long_text_is_split_at_line_boundaries_under_the_limit()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"Kelompok {i}: hadir {i % 25} dari 25, simpanan Rp {i * 1000}").ToList();
        var text = string.Join('\n', lines);

        var parts = Words.SplitAtLines(text, TelegramSender.MaxTextLength);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= TelegramSender.MaxTextLength));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')));
    }
}

public sealed class TelegramWebhookTests
{
    private const string Secret = "s3cr3t_Value-123";

    private static Task<TelegramTestBed> StartAsync() => TelegramTestBed.StartAsync(new Dictionary<string, string?>
    {
        ["Telegram:Mode"] = "Webhook",
        ["Telegram:WebhookUrl"] = "https://bot.example.org/webhooks/telegram",
        ["Telegram:WebhookSecret"] = Secret,
    });

    private static HttpRequestMessage Post(string body, string? secret, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return request;
    }

    private const string Update = """{"update_id":5000,"message":{"message_id":1,"from":{"id":42,"is_bot":false,"first_name":"Siti"},"chat":{"id":42,"type":"private"},"date":1767225600,"text":"bantuan"}}""";

    [Fact]
    public async Task The_webhook_is_registered_with_its_secret()
    {
        await using var bed = await StartAsync();
        var set = Assert.Single(bed.Api.Sent("setWebhook"));
        Assert.Equal("https://bot.example.org/webhooks/telegram", set.Body!["url"]!.GetValue<string>());
        Assert.Equal(Secret, set.Body["secret_token"]!.GetValue<string>());
        Assert.Empty(bed.Api.Sent("getUpdates"));
    }

    [Fact]
    public async Task A_bad_or_missing_secret_gets_403_and_changes_nothing()
    {
        await using var bed = await StartAsync();

        using var wrong = await bed.Bot.Http.SendAsync(Post(Update, "wrong"), TestContext.Current.CancellationToken);
        using var missing = await bed.Bot.Http.SendAsync(Post(Update, null), TestContext.Current.CancellationToken);
        using var almost = await bed.Bot.Http.SendAsync(Post(Update, Secret + "x"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, almost.StatusCode);
        Assert.Equal(0, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
    }

    [Fact]
    public async Task A_good_secret_is_acknowledged_and_answered()
    {
        await using var bed = await StartAsync();

        using var ok = await bed.Bot.Http.SendAsync(Post(Update, Secret), TestContext.Current.CancellationToken);
        using var again = await bed.Bot.Http.SendAsync(Post(Update, Secret), TestContext.Current.CancellationToken);
        await bed.Api.WaitForAsync(a => a.TextsTo(42).Count == 1);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.StartsWith("Halo! Ini GroupBot", Assert.Single(bed.Api.TextsTo(42)));
    }

    private const string PhotoWithANullSize = """{"update_id":5001,"message":{"message_id":1,"from":{"id":42,"is_bot":false,"first_name":"Siti"},"chat":{"id":42,"type":"private"},"date":1767225600,"photo":[null]}}""";

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("42", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("\"hadir\"", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"update_id":"five"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"update_id":5000,"message":"hadir"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"update_id":5000,"message":{"message_id":1,"text":"hadir"}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"update_id":5000,"message":{"message_id":1,"chat":{"id":42,"type":"private"},"date":1767225600,"from":{"id":42,"is_bot":false,"first_name":"Siti"},"text":{"a":1}}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"update_id":5000,"message":{"message_id":1,"from":{"id":42,"is_bot":false,"first_name":"Siti"},"date":1767225600,"text":"hadir"}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"update_id":5000,"callback_query":{"id":"q1","chat_instance":"c","data":"hadir","message":{"message_id":2,"chat":{"id":42,"type":"private"},"date":1767225600}}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(PhotoWithANullSize, "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Update, "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(Update, "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("update_id=5000&message=hadir", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(Update, "multipart/form-data", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_webhooks_get_a_4xx_and_store_nothing(string body, string contentType, HttpStatusCode expected)
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();

        using var response = await bed.Bot.Http.SendAsync(Post(body, Secret, contentType), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
        Assert.DoesNotContain(bed.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"update_id":5002}""")]
    [InlineData("""{"update_id":5003,"edited_message":{"message_id":1,"chat":{"id":42,"type":"private"},"date":1767225600,"text":"hadir"}}""")]
    [InlineData("""{"update_id":5004,"message":{"message_id":1,"from":{"id":42,"is_bot":false,"first_name":"Siti"},"chat":{"id":42,"type":"private"},"date":1767225600,"sticker":{"file_id":"x"}}}""")]
    public async Task An_update_the_bot_does_not_read_is_acknowledged_and_ignored(string body)
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();

        using var response = await bed.Bot.Http.SendAsync(Post(body, Secret), TestContext.Current.CancellationToken);

        // 200, or Telegram re-posts it for a day; nothing to record or answer.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
    }

    [Fact]
    public async Task A_webhook_without_a_content_type_is_refused()
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Update)) };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);

        using var response = await bed.Bot.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
    }

    [Fact]
    public async Task An_oversized_webhook_is_refused()
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();
        var huge = Update.Replace("bantuan", new string('x', 1_100_000), StringComparison.Ordinal);
        using var request = Post(huge, Secret);
        // Refused on its Content-Length before reading: with 100-continue the client waits for that answer instead of uploading into a closing connection.
        request.Headers.ExpectContinue = true;

        using var response = await bed.Bot.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
    }

    [Fact]
    public async Task An_oversized_chunked_webhook_is_cut_off_at_the_limit()
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();
        // No Content-Length: the size is only known while reading, so the limit must stop the read itself.
        var huge = Encoding.UTF8.GetBytes(Update.Replace("bantuan", new string('x', TelegramChannel.MaxWebhookBytes), StringComparison.Ordinal));
        using var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = content };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        request.Headers.TransferEncodingChunked = true;

        using var response = await bed.Bot.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
    }

    [Fact]
    public async Task A_webhook_just_under_the_limit_is_accepted()
    {
        await using var bed = await StartAsync();
        var text = new string('x', TelegramChannel.MaxWebhookBytes - Update.Length - 100);

        using var response = await bed.Bot.Http.SendAsync(Post(Update.Replace("bantuan", text, StringComparison.Ordinal), Secret), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
    }
}
