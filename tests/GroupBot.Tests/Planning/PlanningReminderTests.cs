using GroupBot.Chat;
using GroupBot.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Planning;

/// <summary>Reminders before a planning event and the day-after questions. The clock starts Friday 4 December 2026, 07.00 WIB.</summary>
public sealed class PlanningReminderTests
{
    private const string Well = "Sumur bor untuk Jorong Koto";
    private const string Sewing = "Pelatihan menjahit untuk ibu-ibu";

    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    /// <summary>Melati's two proposals, a women's forum on Friday 11 December, Siti the delegate.</summary>
    private static async Task<BotHost> ForumAsync()
    {
        var bot = await Scenario.MelatiAsync();
        await PlanningSteps.FacilitatorAsync(bot);
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta");
        await PlanningSteps.ProposeAsync(bot, "rina", Sewing, "Pemberdayaan", "12 juta");
        await PlanningSteps.AddEventAsync(bot, "Rembuk perempuan", "11 Desember");
        var events = await bot.SayAsync("rina", "utusan");
        var pick = await bot.ChooseAsync("rina", events[^1].Choice("Rembuk perempuan 11/12"));
        pick = await bot.ChooseAsync("rina", pick[^1].Choice("Siti"));
        await bot.ChooseAsync("rina", pick[^1].Choice("Selesai"));
        return bot;
    }

    private static async Task<int> SendAsync(BotHost bot, int day)
    {
        bot.Time.Advance(new DateTimeOffset(2026, 12, day, 9, 0, 0, Wib) - bot.Time.GetUtcNow());
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanningReminders>().SendAsync(new DateOnly(2026, 12, day), TestContext.Current.CancellationToken);
    }

    /// <summary>The bulk messages queued for a person's chat, oldest first.</summary>
    private static Task<List<OutgoingMessage>> QueuedAsync(BotHost bot, string user, string keyPrefix) =>
        bot.DbAsync(async db => (await db.Outbox.Where(o => o.ChatId == user && o.DeliveryKey != null && o.DeliveryKey.StartsWith(keyPrefix)).OrderBy(o => o.Id).ToListAsync())
            .Select(Outbox.Read).ToList());

    [Fact]
    public async Task Officers_and_delegates_are_reminded_a_week_and_a_day_before_with_the_proposals_once_each()
    {
        await using var bot = await ForumAsync();
        await SendAsync(bot, 4);
        Assert.Equal(0, await SendAsync(bot, 4));

        var week = "Pengingat: Rembuk perempuan seminggu lagi, Jumat, 11 Desember 2026 jam 09.00 di Aula Kantor Wali Nagari.\nUsulan Melati: 1. Sumur bor untuk Jorong Koto; 2. Pelatihan menjahit untuk ibu-ibu";
        Assert.Equal([week], (await QueuedAsync(bot, "siti", "planning:")).Select(m => m.Text));
        Assert.Equal([week], (await QueuedAsync(bot, "rina", "planning:")).Select(m => m.Text));
        // Ani is neither an officer nor a delegate.
        Assert.Empty(await QueuedAsync(bot, "ani", "planning:"));

        Assert.Equal(0, await SendAsync(bot, 5));
        await SendAsync(bot, 10);
        Assert.Equal("Pengingat: Rembuk perempuan besok, Jumat, 11 Desember 2026 jam 09.00 di Aula Kantor Wali Nagari.\nUsulan Melati: 1. Sumur bor untuk Jorong Koto; 2. Pelatihan menjahit untuk ibu-ibu",
            (await QueuedAsync(bot, "siti", "planning:"))[^1].Text);
    }

    [Fact]
    public async Task The_day_after_the_delegate_answers_proposal_by_proposal_and_the_statuses_follow()
    {
        await using var bot = await ForumAsync();
        await SendAsync(bot, 12);
        var question = Assert.Single(await QueuedAsync(bot, "siti", "planning-outcome:"));
        Assert.Equal($"Bagaimana hasil usulan di Rembuk perempuan?\n{Well} (Rp 45.000.000)", question.Text);
        Assert.Equal(["Masuk RKP", "Dibahas saja", "Ditolak", "Tidak dibahas"], question.Choices.Select(c => c.Label));
        Assert.Empty(await QueuedAsync(bot, "rina", "planning-outcome:"));

        // Ani is no delegate: a forged button changes nothing.
        var forged = question.Choices[0].Id;
        Assert.Equal("Maaf, Anda tidak bisa melakukan itu untuk kelompok tersebut.", await bot.TextAsync("ani", forged));

        var replies = await bot.ChooseAsync("siti", question.Choices.Single(c => c.Label == "Masuk RKP").Id);
        Assert.Equal($"Usulan {Well}: masuk RKP Nagari. Tersimpan.", replies[0].Text);
        Assert.Equal($"Bagaimana hasil usulan di Rembuk perempuan?\n{Sewing} (Rp 12.000.000)", replies[1].Text);
        replies = await bot.ChooseAsync("siti", replies[1].Choice("Tidak dibahas"));
        Assert.Equal([$"Usulan {Sewing}: tidak dibahas: tidak dibahas di Rembuk perempuan. Tersimpan.", "Terima kasih, semua hasil usulan sudah tercatat."], replies.Select(r => r.Text));
        Assert.Equal($"Usulan {Well} sudah tercatat: masuk RKP Nagari. Ketua bisa mengubahnya dengan usulan status.", await bot.TextAsync("siti", forged));

        var statuses = await bot.DbAsync(db => db.Proposals.OrderBy(p => p.Id).Select(p => new { p.Title, p.Status, Changes = p.Changes.Count }).ToListAsync());
        Assert.Equal([new { Title = Well, Status = ProposalStatus.InWorkPlan, Changes = 3 }, new { Title = Sewing, Status = ProposalStatus.NotDiscussed, Changes = 2 }], statuses);
    }
}
