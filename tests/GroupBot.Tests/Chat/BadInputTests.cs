using GroupBot.Chat;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Chat;

/// <summary>Whatever people send gets one short sentence back; nothing crashes and nothing given is lost.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string> Inputs => new()
    {
        { "empty", "" },
        { "spaces", "   " },
        { "10,000 characters", new string('a', 10_000) },
        { "emoji only", "😀🙏🏽🎉" },
        { "right-to-left", "مرحبا بالعالم" },
        { "control characters", "\u0001\u0007\u001b[31m" },
        { "unknown command", "/terbangkan" },
        { "zero-width only", "\u200b\u200f\u2060" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Outside_a_flow_bad_input_gets_one_sentence(string label, string text)
    {
        await using var bot = await BotHost.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "siti", codes.Member, "Siti");

        var replies = await bot.SayAsync("siti", text);

        var reply = Assert.Single(replies);
        Assert.True(reply.Text.Length is > 10 and < 200, $"{label}: {reply.Text}");
        Assert.DoesNotContain("Exception", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, await bot.DbAsync(db => db.Inbox.CountAsync(e => e.Error != null)));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Inside_a_flow_bad_input_re_asks_and_keeps_the_step_and_draft(string label, string text)
    {
        await using var bot = await BotHost.StartAsync();
        await bot.SayAsync("admin", "desa tambah Mungo");
        await bot.SayAsync("admin", "kelompok baru");
        await bot.SayAsync("admin", "Melati");
        await bot.SayAsync("admin", "pengajian");
        await bot.SayAsync("admin", "Selasa");

        var replies = await bot.SayAsync("admin", text); // the step asks for a time

        var reply = Assert.Single(replies);
        Assert.True(reply.Text.Length is > 10 and < 200, $"{label}: {reply.Text}");
        var state = await bot.DbAsync(db => db.Conversations.SingleAsync());
        Assert.Equal("time", state.Step);
        Assert.Contains("Melati", state.DraftJson, StringComparison.Ordinal);

        // and the flow carries on with a good answer
        await bot.SayAsync("admin", "16.30");
        var created = await bot.TextAsync("admin", "lewati");
        Assert.StartsWith("Kelompok Melati di Mungo sudah dibuat. Pertemuan setiap Selasa jam 16.30.", created);
    }

    [Fact]
    public async Task Unknown_command_from_a_stranger_points_to_mulai()
    {
        await using var bot = await BotHost.StartAsync();
        Assert.Equal("Maaf, Anda belum terdaftar. Ketik mulai lalu masukkan kode kelompok dari ketua Anda.", await bot.TextAsync("stranger", "halo"));
    }

    [Fact]
    public async Task Bantuan_for_a_stranger_offers_to_start()
    {
        await using var bot = await BotHost.StartAsync();
        var reply = Assert.Single(await bot.SayAsync("stranger", "BANTUAN"));
        Assert.Contains("Ketik mulai", reply.Text, StringComparison.Ordinal);
        Assert.Equal(["mulai", "bahasa"], reply.Choices.Select(c => c.Id));
    }
}
