using GroupBot.Planning;
using GroupBot.Tests.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Channels.Telegram;

/// <summary>Village planning on Telegram: the real Telegram.Bot client against the loopback fake Bot API, with inline buttons.</summary>
public sealed class TelegramPlanningTests
{
    private const long Rina = 50;
    private const long Siti = 42;
    private const string Well = "Sumur bor untuk Jorong Koto";

    [Fact]
    public async Task A_leader_records_a_proposal_with_inline_buttons_and_her_delegate_answers_the_day_after_question()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bed.Bot);
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.JoinAsync(Siti, codes.Member, "Siti");
        await PlanningSteps.FacilitatorAsync(bed.Bot);

        Assert.Equal("Apa usulannya? Contoh: Sumur bor untuk Jorong Koto", await bed.SayAsync(Rina, Rina, "/usulan tambah"));
        Assert.Equal("Bidang apa?", await bed.SayAsync(Rina, Rina, Well));
        Assert.Equal("Di mana lokasinya? Contoh: Jorong Koto", await bed.PressAsync(Rina, "Pembangunan"));
        await bed.SayAsync(Rina, Rina, "Jorong Koto");
        await bed.SayAsync(Rina, Rina, "45 jt");
        await bed.SayAsync(Rina, Rina, "30 ibu dan 50 anak");
        Assert.StartsWith($"Usulan: {Well}\nBidang: Pembangunan", await bed.PressAsync(Rina, "1"));
        Assert.Equal($"Usulan {Well} tersimpan untuk kelompok Melati.", await bed.PressAsync(Rina, "Simpan"));
        var year = bed.Bot.Services.GetRequiredService<GroupBot.Data.LocalClock>().Today.Year;
        Assert.Equal($"Usulan Melati tahun {year}:\n1. {Well} (Pembangunan), Rp 45.000.000: diusulkan", await bed.SayAsync(Siti, Siti, "usulan"));

        // A forum on 8 December (added by the facilitator in the simulator), Siti the delegate.
        await PlanningSteps.AddEventAsync(bed.Bot, "Rembuk perempuan", "8 Desember");
        Assert.Equal("Untuk acara mana?", await bed.SayAsync(Rina, Rina, "utusan"));
        await bed.PressAsync(Rina, "Rembuk perempuan 8/12");
        await bed.PressAsync(Rina, "Siti");
        var chosen = await bed.PressAsync(Rina, "Selesai");
        Assert.StartsWith("Utusan untuk Rembuk perempuan (", chosen);
        Assert.EndsWith("): Siti.", chosen);

        // This test runs on the real clock (the poller's long poll needs it): the forum is moved to yesterday,
        // so today's run asks the day-after question. It reaches Siti on Telegram; her button moves the proposal.
        var today = bed.Bot.Services.GetRequiredService<GroupBot.Data.LocalClock>().Today;
        await bed.Bot.DbAsync(async db =>
        {
            var forum = await db.PlanningEvents.SingleAsync();
            forum.MoveTo(today.AddDays(-1), forum.StartTime);
            return await db.SaveChangesAsync();
        });
        var before = bed.Api.TextsTo(Siti).Count;
        await using (var scope = bed.Bot.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<PlanningReminders>().SendAsync(today, TestContext.Current.CancellationToken));
        }

        bed.Bot.Services.GetRequiredService<GroupBot.Chat.Outbox>().Wake();
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Count > before);
        Assert.Equal($"Bagaimana hasil usulan di Rembuk perempuan?\n{Well} (Rp 45.000.000)", bed.Api.TextsTo(Siti)[^1]);
        await bed.PressAsync(Siti, "Masuk RKP");
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti)[^1].StartsWith("Terima kasih", StringComparison.Ordinal));
        Assert.Equal([$"Usulan {Well}: masuk RKP Nagari. Tersimpan.", "Terima kasih, semua hasil usulan sudah tercatat."], bed.Api.TextsTo(Siti).TakeLast(2));
        Assert.Equal(ProposalStatus.InWorkPlan, await bed.Bot.DbAsync(db => db.Proposals.Select(p => p.Status).SingleAsync()));
    }
}
