using System.Net;
using System.Text;
using CsCheck;
using GroupBot.Channels.WhatsApp;
using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Channels.WhatsApp;

/// <summary>The bot with WhatsApp pointed at a loopback fake Graph API; webhooks signed the way Meta signs them.</summary>
public sealed class WhatsAppChannelTests
{
    private const string Siti = "6281234567890";
    private const string Admin = "6281100000001";

    private sealed class Bed : IAsyncDisposable
    {
        public required FakeGraphApi Api { get; init; }
        public required BotHost Bot { get; init; }
        public required CapturedLogs Logs { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Api.DisposeAsync();
        }

        public async Task<HttpResponseMessage> PostAsync(string body, string? signature = "sign", string contentType = "application/json")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, contentType) };
            if (signature is not null)
            {
                request.Headers.Add("X-Hub-Signature-256", signature == "sign" ? FakeGraphApi.Sign(body) : signature);
            }

            return await Bot.Http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        /// <summary>A person writes; waits until the bot has answered her once more.</summary>
        public async Task<string> SayAsync(string from, string body)
        {
            var before = Api.MessagesTo(from).Count;
            using var response = await PostAsync(FakeGraphApi.Text(from, $"wamid.in{Guid.NewGuid():N}", body));
            response.EnsureSuccessStatusCode();
            await Api.WaitForAsync(a => a.MessagesTo(from).Count > before);
            return Api.TextsTo(from)[before];
        }

        public async Task<string> ReplyAsync(string payload, string from)
        {
            var before = Api.MessagesTo(from).Count;
            using var response = await PostAsync(payload);
            response.EnsureSuccessStatusCode();
            await Api.WaitForAsync(a => a.MessagesTo(from).Count > before);
            return Api.TextsTo(from)[before];
        }
    }

    private static async Task<Bed> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var api = new FakeGraphApi();
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>
        {
            ["WhatsApp:AccessToken"] = FakeGraphApi.AccessToken,
            ["WhatsApp:PhoneNumberId"] = FakeGraphApi.PhoneNumberId,
            ["WhatsApp:AppSecret"] = FakeGraphApi.AppSecret,
            ["WhatsApp:VerifyToken"] = FakeGraphApi.VerifyToken,
            ["WhatsApp:ApiBaseUrl"] = api.BaseUrl,
            ["WhatsApp:ApiVersion"] = FakeGraphApi.Version,
            ["WhatsApp:Templates:MeetingReminder"] = "groupbot_meeting_reminder",
            ["GroupBot:Admins:1"] = $"whatsapp:{Admin}",
            ["Logging:LogLevel:Default"] = "Trace",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        var bot = await BotHost.StartAsync(settings: settings, logs: logs);
        return new Bed { Api = api, Bot = bot, Logs = logs };
    }

    [Fact]
    public async Task The_verification_handshake_echoes_the_challenge_only_for_the_right_token()
    {
        await using var bed = await StartAsync();

        var good = await bed.Bot.Http.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token={FakeGraphApi.VerifyToken}", TestContext.Current.CancellationToken);
        var bad = await bed.Bot.Http.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("1158201444", await good.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Fact]
    public async Task Only_correctly_signed_webhooks_are_accepted()
    {
        await using var bed = await StartAsync();
        var body = FakeGraphApi.Text(Siti, "wamid.1", "bantuan");
        var tampered = body.Replace("bantuan", "hadir!!", StringComparison.Ordinal);

        using var missing = await bed.PostAsync(body, signature: null);
        using var wrongSecret = await bed.PostAsync(body, FakeGraphApi.Sign(body, "another-secret"));
        using var garbage = await bed.PostAsync(body, "sha256=zz");
        using var tamperedBody = await bed.PostAsync(tampered, FakeGraphApi.Sign(body));
        Assert.Equal(0, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
        using var good = await bed.PostAsync(body);

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            new[] { missing, wrongSecret, garbage, tamperedBody, good }.Select(r => r.StatusCode));
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
    }

    private const string Account = "{\"object\":\"whatsapp_business_account\",\"entry\":";

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("42", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("\"whatsapp_business_account\"", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"object\":\"page\"}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"object\":42}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "{}}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[null]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[{\"changes\":[null]}]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":\"hadir\"}}]}]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[null]}}]}]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"messages\",\"value\":{\"contacts\":[null],\"messages\":[]}}]}]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[null]}}]}]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[{\"id\":\"wamid.1\",\"status\":\"failed\",\"errors\":[{\"code\":\"oops\"}]}]}}]}]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"6281234567890\",\"id\":\"wamid.1\",\"type\":\"text\",\"text\":{\"body\":{\"a\":1}}}]}}]}]}", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"object\":\"whatsapp_business_account\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{\"object\":\"whatsapp_business_account\"}", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("object=whatsapp_business_account", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{\"object\":\"whatsapp_business_account\"}", "multipart/form-data", HttpStatusCode.UnsupportedMediaType)]
    public async Task Malformed_signed_webhooks_get_a_4xx_and_store_nothing(string body, string contentType, HttpStatusCode expected)
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();

        using var response = await bed.PostAsync(body, contentType: contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
        Assert.DoesNotContain(bed.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hostile_text_in_a_signed_webhook_gets_exactly_one_answer()
    {
        await using var bed = await StartAsync();
        var router = bed.Bot.Services.GetRequiredService<Router>();
        // What WhatsApp can deliver: up to 4096 characters; commands answer as documented elsewhere.
        var texts = Gen.Frequency((3, Hostile.WellFormedText), (1, Hostile.Wordy))
            .Where(t => t.Length <= Words.MaxAnswerLength && GlobalWords.Match(t) == GlobalWord.None && router.Find(Words.Clean(t)) is null);

        await texts.SampleAsync(async text =>
        {
            var wamid = $"wamid.fuzz{Guid.NewGuid():N}";
            using var response = await bed.PostAsync(FakeGraphApi.Text(Siti, wamid, text));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var entry = await WaitForHandledAsync(bed, wamid);
            Assert.Null(entry.Error);
            Assert.Equal(1, await bed.Bot.DbAsync(db => db.Outbox.CountAsync(o => o.InboxEntryId == entry.Id)));
        }, seed: Hostile.Seed, iter: 40, threads: 1, print: Hostile.Show);

        Assert.DoesNotContain(bed.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal));
    }

    private static async Task<InboxEntry> WaitForHandledAsync(Bed bed, string wamid)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(20));
        while (true)
        {
            var entry = await bed.Bot.DbAsync(db => db.Inbox.AsNoTracking().SingleOrDefaultAsync(e => e.Channel == "whatsapp" && e.ExternalId == wamid));
            if (entry?.ProcessedUtc is not null)
            {
                return entry;
            }

            Assert.False(deadline.Passed, $"{wamid} was not handled");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_signed_webhook_without_a_content_type_is_refused()
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();
        var body = FakeGraphApi.Text(Siti, "wamid.nct", "bantuan");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Headers.Add("X-Hub-Signature-256", FakeGraphApi.Sign(body));

        using var response = await bed.Bot.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
    }

    [Fact]
    public async Task A_correctly_signed_oversized_webhook_is_refused()
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();
        var body = FakeGraphApi.Text(Siti, "wamid.big", new string('x', WhatsAppChannel.MaxWebhookBytes));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", FakeGraphApi.Sign(body));
        // Refused on its Content-Length before reading: with 100-continue the client waits for that answer instead of uploading into a closing connection.
        request.Headers.ExpectContinue = true;

        using var response = await bed.Bot.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
    }

    [Fact]
    public async Task A_signed_webhook_just_under_the_limit_is_accepted()
    {
        await using var bed = await StartAsync();
        var empty = FakeGraphApi.Text(Siti, "wamid.under", string.Empty);

        using var response = await bed.PostAsync(FakeGraphApi.Text(Siti, "wamid.under", new string('x', WhatsAppChannel.MaxWebhookBytes - empty.Length - 100)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
    }

    [Theory]
    [InlineData(Account + "[]}")]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"account_update\",\"value\":{}}]}]}")]
    [InlineData(Account + "[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{\"id\":\"wamid.nofrom\",\"type\":\"text\",\"text\":{\"body\":\"hadir\"}}]}}]}]}")]
    public async Task A_signed_payload_with_nothing_to_record_is_acknowledged_and_ignored(string body)
    {
        await using var bed = await StartAsync();
        var before = await bed.Bot.RowCountsAsync();

        using var response = await bed.PostAsync(body);

        // 200, or Meta re-sends it for days; nothing to record or answer.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await bed.Bot.RowCountsAsync());
    }

    [Fact]
    public async Task Text_in_reply_out_with_reply_buttons_and_a_duplicate_webhook_handled_once()
    {
        await using var bed = await StartAsync();
        var body = FakeGraphApi.Text(Siti, "wamid.dup", "bantuan");

        using var first = await bed.PostAsync(body);
        using var again = await bed.PostAsync(body);
        await bed.Api.WaitForAsync(a => a.MessagesTo(Siti).Count == 1);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        var sent = Assert.Single(bed.Api.MessagesTo(Siti));
        Assert.Equal("interactive", sent["type"]!.GetValue<string>());
        Assert.Equal("button", sent["interactive"]!["type"]!.GetValue<string>());
        Assert.StartsWith("Halo! Ini GroupBot", sent["interactive"]!["body"]!["text"]!.GetValue<string>());
        Assert.Equal(["Mulai", "Bahasa"], sent["interactive"]!["action"]!["buttons"]!.AsArray().Select(b => b!["reply"]!["title"]!.GetValue<string>()));
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.Inbox.CountAsync(e => e.ExternalId == "wamid.dup")));
    }

    [Fact]
    public async Task Buttons_and_lists_drive_a_whole_flow()
    {
        await using var bed = await StartAsync();
        await bed.SayAsync(Admin, "desa tambah Mungo");
        Assert.Equal("Apa nama kelompoknya? Contoh: Melati", await bed.SayAsync(Admin, "kelompok baru"));
        await bed.SayAsync(Admin, "Melati");
        var kinds = bed.Api.MessagesTo(Admin)[^1];
        Assert.Equal("list", kinds["interactive"]!["type"]!.GetValue<string>());
        await bed.ReplyAsync(FakeGraphApi.ListReply(Admin, "wamid.k", "kind:SavingsLoan", "Simpan pinjam"), Admin);
        var days = bed.Api.MessagesTo(Admin)[^1]["interactive"]!["action"]!["sections"]![0]!["rows"]!.AsArray();
        Assert.Equal(7, days.Count);
        await bed.ReplyAsync(FakeGraphApi.ListReply(Admin, "wamid.d", "day:5", "Jumat"), Admin);
        await bed.SayAsync(Admin, "jam 2 siang");
        var created = await bed.ReplyAsync(FakeGraphApi.ButtonReply(Admin, "wamid.v", "venue:skip", "Lewati"), Admin);

        Assert.StartsWith("Kelompok Melati di Mungo sudah dibuat. Pertemuan setiap Jumat jam 14.00.", created);
    }

    [Fact]
    public async Task More_than_ten_choices_become_a_numbered_menu_answered_by_number()
    {
        await using var bed = await StartAsync();
        var villages = new[] { "Mungo", "Labuah Gunuang", "Ampalu", "Sungai Kamuyang", "Andaleh", "Batu Balang", "Sarik Laweh", "Taeh", "Koto Tinggi", "Situjuah", "Halaban" };
        foreach (var v in villages)
        {
            await bed.Bot.SayAsync("admin", $"desa tambah {v}");
        }

        var menu = await bed.SayAsync(Admin, "pendamping tambah");
        var code = await bed.SayAsync(Admin, "3");

        Assert.Contains("\n3. Batu Balang", menu, StringComparison.Ordinal); // sorted by name
        Assert.Contains("\n11. Taeh", menu, StringComparison.Ordinal);
        Assert.StartsWith("Kode pendamping untuk Batu Balang:", code);
    }

    [Fact]
    public async Task A_member_added_with_her_phone_is_greeted_by_name_and_needs_no_code()
    {
        await using var bed = await StartAsync();
        var codes = await Scenario.CreateGroupAsync(bed.Bot);
        await Scenario.JoinAsync(bed.Bot, "rina", codes.Leader, "Rina");
        await bed.Bot.SayAsync("rina", "anggota tambah Siti Aminah +62 812-3456-7890");

        var greeting = await bed.SayAsync(Siti, "halo");
        var ask = bed.Api.MessagesTo(Siti)[^1];
        var yes = ask["interactive"]!["action"]!["buttons"]![0]!["reply"]!["id"]!.GetValue<string>();
        var welcome = await bed.ReplyAsync(FakeGraphApi.ButtonReply(Siti, "wamid.yes", yes, "Ya, itu saya"), Siti);

        Assert.Equal("Halo, Siti Aminah! Pengurus kelompok Melati sudah mendaftarkan nomor ini. Benar ini Siti Aminah?", greeting);
        Assert.StartsWith("Terima kasih, Siti Aminah! Anda anggota Melati.", welcome);
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.People.CountAsync(p => p.Phone == Siti)));
        Assert.Equal(1, await bed.Bot.DbAsync(db => db.ChatIdentities.CountAsync(i => i.Channel == "whatsapp" && i.Address == Siti)));
    }

    [Fact]
    public async Task Unsupported_messages_get_one_friendly_sentence_and_the_flow_stays()
    {
        await using var bed = await StartAsync();
        await bed.SayAsync(Admin, "desa tambah Mungo");
        await bed.SayAsync(Admin, "kelompok baru");

        var reply = await bed.ReplyAsync(FakeGraphApi.Sticker(Admin, "wamid.st"), Admin);
        var next = await bed.SayAsync(Admin, "Melati");

        Assert.Equal("Maaf, saya hanya bisa membaca teks, tombol, dan foto. Ketik bantuan untuk melihat menu.", reply);
        Assert.Equal("Kelompok jenis apa?", next);
    }

    [Fact]
    public async Task Statuses_update_the_outbox_and_tolerate_arriving_out_of_order()
    {
        await using var bed = await StartAsync();
        await bed.SayAsync(Siti, "bantuan");
        var wamid = bed.Api.Calls.Last(c => c.WamId is not null).WamId!;
        await WaitForAsync(bed, r => r.ExternalId == wamid);

        foreach (var (status, ts) in new[] { ("delivered", 1767225610L), ("sent", 1767225605L), ("read", 1767225620L), ("delivered", 1767225610L) })
        {
            using var r = await bed.PostAsync(FakeGraphApi.Status(Siti, wamid, status, ts));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }

        var row = await bed.Bot.DbAsync(db => db.Outbox.SingleAsync(o => o.ExternalId == wamid));
        Assert.Equal(("read", OutboxStatus.Sent), (row.ChannelStatus, row.Status));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225620).UtcDateTime, row.ChannelStatusUtc);
    }

    [Fact]
    public async Task Outside_the_window_a_reminder_uses_its_template_and_a_plain_message_waits()
    {
        await using var bed = await StartAsync();
        await bed.SayAsync(Siti, "bantuan"); // opens her window now
        bed.Bot.Time.Advance(TimeSpan.FromHours(25));
        await bed.Bot.DbAsync(async db =>
        {
            var now = bed.Bot.Time.GetUtcNow().UtcDateTime;
            Outbox.Enqueue(db, "whatsapp", Siti, new OutgoingMessage
            {
                Text = "Pengingat: pertemuan Melati besok",
                Template = new TemplateRef(Templates.MeetingReminder, "id", ["Melati", "Jumat, 4 Desember 2026", "14.00", "Rumah Bu Ani"]),
            }, OutboxPriority.Bulk, now);
            Outbox.Enqueue(db, "whatsapp", "6281299999999", OutgoingMessage.Plain("Tanpa template"), OutboxPriority.Bulk, now);
            return await db.SaveChangesAsync();
        });
        bed.Bot.Services.GetRequiredService<Outbox>().Wake();

        await bed.Api.WaitForAsync(a => a.MessagesTo(Siti).Count == 2);
        var template = bed.Api.MessagesTo(Siti)[1]["template"]!;
        Assert.Equal("groupbot_meeting_reminder", template["name"]!.GetValue<string>());
        Assert.Equal("id", template["language"]!["code"]!.GetValue<string>());
        Assert.Equal(["Melati", "Jumat, 4 Desember 2026", "14.00", "Rumah Bu Ani"],
            template["components"]![0]!["parameters"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()));

        var waiting = await WaitForStatusAsync(bed, "6281299999999", OutboxStatus.Waiting);
        Assert.Equal("24-hour window closed: waiting for the person to write", waiting.LastError);
        Assert.Empty(bed.Api.MessagesTo("6281299999999"));
    }

    [Fact]
    public async Task A_131047_reported_later_switches_to_the_template_or_waits()
    {
        await using var bed = await StartAsync();
        await bed.SayAsync(Siti, "bantuan");
        await bed.Bot.DbAsync(async db =>
        {
            var now = bed.Bot.Time.GetUtcNow().UtcDateTime;
            Outbox.Enqueue(db, "whatsapp", Siti, new OutgoingMessage
            {
                Text = "Pengingat",
                Template = new TemplateRef(Templates.MeetingReminder, "id", ["Melati", "Jumat", "14.00", "-"]),
            }, OutboxPriority.Bulk, now);
            return await db.SaveChangesAsync();
        });
        bed.Bot.Services.GetRequiredService<Outbox>().Wake();
        await bed.Api.WaitForAsync(a => a.MessagesTo(Siti).Count == 2);
        var reminderWamid = bed.Api.Calls.Last(c => c.WamId is not null).WamId!;
        var replyWamid = bed.Api.Calls.First(c => c.WamId is not null).WamId!;
        await WaitForAsync(bed, r => r.ExternalId == reminderWamid); // the dispatcher has recorded the wamid

        using var failedReminder = await bed.PostAsync(FakeGraphApi.Status(Siti, reminderWamid, "failed", 1767225700, 131047));
        using var failedReply = await bed.PostAsync(FakeGraphApi.Status(Siti, replyWamid, "failed", 1767225700, 131047));
        bed.Bot.Time.Advance(TimeSpan.FromSeconds(7)); // the pair limit: one bulk message per 6 s to one person
        await bed.Api.WaitForAsync(a => a.MessagesTo(Siti).Count == 3);

        Assert.Equal("template", bed.Api.MessagesTo(Siti)[2]["type"]!.GetValue<string>());
        Assert.Equal(OutboxStatus.Waiting, await bed.Bot.DbAsync(db => db.Outbox.Where(o => o.ExternalId == replyWamid).Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task Without_a_configured_template_a_131047_waits_and_goes_out_free_form_when_she_writes()
    {
        await using var bed = await StartAsync(new() { ["WhatsApp:Templates:MeetingReminder"] = null });
        await bed.SayAsync(Siti, "bantuan");
        await bed.Bot.DbAsync(async db =>
        {
            Outbox.Enqueue(db, "whatsapp", Siti, new OutgoingMessage
            {
                Text = "Pengingat",
                Template = new TemplateRef(Templates.MeetingReminder, "id", ["Melati", "Jumat", "14.00", "-"]),
            }, OutboxPriority.Bulk, bed.Bot.Time.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        bed.Bot.Services.GetRequiredService<Outbox>().Wake();
        await bed.Api.WaitForAsync(a => a.MessagesTo(Siti).Count == 2);
        var wamid = bed.Api.Calls.Last(c => c.WamId is not null).WamId!;
        await WaitForAsync(bed, r => r.ExternalId == wamid);

        using var failed = await bed.PostAsync(FakeGraphApi.Status(Siti, wamid, "failed", bed.Bot.Time.GetUtcNow().ToUnixTimeSeconds(), 131047));
        await WaitForAsync(bed, r => r.ExternalId == wamid && r.Status == OutboxStatus.Waiting);
        bed.Bot.Time.Advance(TimeSpan.FromSeconds(7));
        await bed.SayAsync(Siti, "halo");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count(t => t == "Pengingat") == 2);

        Assert.DoesNotContain(bed.Api.MessagesTo(Siti), m => m["type"]!.GetValue<string>() == "template");
    }

    [Fact]
    public async Task A_failure_for_a_message_not_yet_recorded_is_asked_again()
    {
        await using var bed = await StartAsync();
        using var early = await bed.PostAsync(FakeGraphApi.Status(Siti, "wamid.unknown", "failed", bed.Bot.Time.GetUtcNow().ToUnixTimeSeconds(), 131047));
        using var news = await bed.PostAsync(FakeGraphApi.Status(Siti, "wamid.unknown", "delivered", bed.Bot.Time.GetUtcNow().ToUnixTimeSeconds()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, news.StatusCode);
    }

    [Fact]
    public async Task An_oversized_unsigned_chunked_body_is_cut_off()
    {
        await using var bed = await StartAsync();
        using var content = new StreamContent(new MemoryStream(new byte[3 * 1024 * 1024]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await bed.Bot.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await bed.Bot.DbAsync(db => db.Inbox.CountAsync()));
    }

    [Fact]
    public async Task Throttling_130429_backs_off_and_retries()
    {
        await using var bed = await StartAsync();
        var calls = 0;
        bed.Api.Script = _ => Interlocked.Increment(ref calls) == 1 ? FakeGraphApi.Error(130429, "(#130429) Rate limit hit") : null;
        using var response = await bed.PostAsync(FakeGraphApi.Text(Siti, "wamid.t", "bantuan"));

        var row = await WaitForAsync(bed, r => r.Attempts == 1 && r.Status == OutboxStatus.Pending);
        Assert.Equal("130429 (#130429) Rate limit hit", row.LastError);
        Assert.Equal(bed.Bot.Time.GetUtcNow().UtcDateTime.AddSeconds(2), row.NextAttemptUtc);
        bed.Bot.Time.Advance(TimeSpan.FromSeconds(2));
        var sent = await WaitForAsync(bed, r => r.Status == OutboxStatus.Sent);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task Documents_are_uploaded_then_sent_by_media_id()
    {
        await using var bed = await StartAsync();
        await bed.SayAsync(Siti, "bantuan");
        await bed.Bot.DbAsync(async db =>
        {
            Outbox.Enqueue(db, "whatsapp", Siti, new OutgoingMessage { Text = "Ekspor", Document = new OutgoingFile("ekspor.csv", "text/csv", Encoding.UTF8.GetBytes("a;b")) },
                OutboxPriority.Reply, bed.Bot.Time.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        bed.Bot.Services.GetRequiredService<Outbox>().Wake();

        await bed.Api.WaitForAsync(a => a.MessagesTo(Siti).Count == 2);
        var upload = Assert.Single(bed.Api.Calls, c => c.Path.EndsWith("/media", StringComparison.Ordinal));
        var document = bed.Api.MessagesTo(Siti)[1]["document"]!;
        Assert.Contains("ekspor.csv", upload.RawBody, StringComparison.Ordinal);
        Assert.StartsWith("media-", document["id"]!.GetValue<string>());
        Assert.Equal("ekspor.csv", document["filename"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_access_token_and_app_secret_never_reach_the_logs()
    {
        await using var bed = await StartAsync();
        bed.Api.Script = _ => FakeGraphApi.Error(131026, "Message undeliverable");
        await bed.SayAsync(Siti, "bantuan").WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        using var bad = await bed.PostAsync(FakeGraphApi.Text(Siti, "wamid.x", "x"), FakeGraphApi.Sign("other"));

        Assert.Contains(bed.Api.Calls, c => c.Authorization == $"Bearer {FakeGraphApi.AccessToken}");
        Assert.DoesNotContain(bed.Logs.Lines, l => l.Contains(FakeGraphApi.AccessToken, StringComparison.Ordinal) || l.Contains(FakeGraphApi.AppSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_information_level_logs_carry_ids_but_no_phone_number_name_or_message_text()
    {
        // The shipped levels (appsettings.json): Information, with ASP.NET Core, EF Core and Quartz at Warning.
        await using var bed = await StartAsync(new()
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        });
        var codes = await Scenario.CreateGroupAsync(bed.Bot);
        await Scenario.JoinAsync(bed.Bot, "rina", codes.Leader, "Rina Marlina");
        await bed.Bot.SayAsync("rina", "anggota tambah Siti Aminah +62 812-3456-7890");
        await bed.SayAsync(Siti, "halo");
        var yes = bed.Api.MessagesTo(Siti)[^1]["interactive"]!["action"]!["buttons"]![0]!["reply"]!["id"]!.GetValue<string>();
        await bed.ReplyAsync(FakeGraphApi.ButtonReply(Siti, "wamid.yes", yes, "Ya, itu saya"), Siti);
        await bed.SayAsync(Siti, "hadir");
        await bed.SayAsync(Siti, "Catatan rahasia: utang Bu Siti 250.000 ke koperasi");
        await bed.SayAsync("6289900001111", "Halo, saya Dewi Lestari dari Ampalu");
        using (await bed.PostAsync(FakeGraphApi.Text(Siti, "wamid.yes", "Ya, itu saya")))
        {
            // a re-delivery: logged, by its wamid only
        }

        bed.Api.Script = _ => FakeGraphApi.Error(131026, "Message undeliverable");
        await bed.PostAsync(FakeGraphApi.Text(Siti, "wamid.last", "lapor 250000 tabungan Siti"));
        await WaitForStatusAsync(bed, Siti, OutboxStatus.Failed);

        var lines = bed.Logs.Lines.ToList();
        string[] secrets = ["81234567890", "812-3456-7890", "89900001111", "Siti", "Aminah", "Rina", "Marlina", "Dewi", "rahasia", "utang", "250.000", "250000", "Melati", "Ya, itu saya", "halo", "hadir"];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // What the logs do carry: the ids that lead to the rows, for those allowed to look there.
        Assert.Contains(lines, l => l.Contains("InboxId=", StringComparison.Ordinal) && l.Contains("Channel=whatsapp", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("PersonId=", StringComparison.Ordinal) && l.Contains("GroupIds=", StringComparison.Ordinal));
    }

    private static Task<OutboxMessage> WaitForStatusAsync(Bed bed, string chat, OutboxStatus status) =>
        WaitForAsync(bed, r => r.ChatId == chat && r.Status == status);

    private static async Task<OutboxMessage> WaitForAsync(Bed bed, Func<OutboxMessage, bool> condition)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(20));
        while (true)
        {
            var rows = await bed.Bot.DbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
            if (rows.FirstOrDefault(condition) is { } row)
            {
                return row;
            }

            if (deadline.Passed)
            {
                throw new TimeoutException(string.Join(" | ", rows.Select(r => $"{r.ChatId} {r.Status} {r.Attempts} {r.LastError}")));
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
