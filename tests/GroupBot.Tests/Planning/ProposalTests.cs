using GroupBot.People;
using GroupBot.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Planning;

/// <summary>A group's proposals and what became of them. The clock starts Friday 4 December 2026, 07.00 WIB.</summary>
public class ProposalTests
{
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    private const string Well = "Sumur bor untuk Jorong Koto";
    private const string Sewing = "Pelatihan menjahit untuk ibu-ibu";

    /// <summary>Melati in Mungo (Siti, Ani, leader Rina), Fitri facilitator of Mungo.</summary>
    private static async Task<BotHost> MungoAsync()
    {
        var bot = await Scenario.MelatiAsync();
        await PlanningSteps.FacilitatorAsync(bot);
        return bot;
    }

    private static async Task<IReadOnlyList<Reply>> StatusAsync(BotHost bot, string title, string to)
    {
        var which = await bot.SayAsync("rina", "usulan status");
        var status = await bot.ChooseAsync("rina", which[^1].Choice(title));
        return await bot.ChooseAsync("rina", status[^1].Choice(to));
    }

    [Fact]
    public async Task A_leader_records_proposals_in_order_and_members_read_them()
    {
        await using var bot = await MungoAsync();
        var none = await bot.SayAsync("rina", "usulan");
        Assert.Equal("Kelompok Melati belum punya usulan tahun 2026. Catat usulan: ketik usulan tambah", none[^1].Text);
        Assert.Equal(["Tambah usulan"], none[^1].Choices.Select(c => c.Label));

        Assert.Equal("Apa usulannya? Contoh: Sumur bor untuk Jorong Koto", await bot.TextAsync("rina", "usulan tambah"));
        var fields = await bot.SayAsync("rina", Well);
        Assert.Equal("Bidang apa?", fields[^1].Text);
        Assert.Equal(["Pemerintahan", "Pembangunan", "Kemasyarakatan", "Pemberdayaan", "Bencana/darurat"], fields[^1].Choices.Select(c => c.Label));
        Assert.Equal("Di mana lokasinya? Contoh: Jorong Koto", (await bot.ChooseAsync("rina", fields[^1].Choice("Pembangunan")))[^1].Text);
        Assert.Equal("Perkiraan biayanya berapa? Contoh: 45 juta", await bot.TextAsync("rina", "Jorong Koto"));
        Assert.Equal("Jumlah uang tidak terbaca. Contoh: 50.000 atau 50rb atau 1,5 juta", await bot.TextAsync("rina", "banyak sekali"));
        Assert.Equal("Siapa yang mendapat manfaat? Contoh: 30 ibu dan 50 anak", await bot.TextAsync("rina", "45 jt"));
        var priorities = await bot.SayAsync("rina", "30 ibu dan 50 anak");
        Assert.Equal("Prioritas ke berapa di kelompok? Sudah ada 0 usulan. 1 = paling penting.", priorities[^1].Text);
        Assert.Equal(["1"], priorities[^1].Choices.Select(c => c.Label));
        var confirm = await bot.ChooseAsync("rina", priorities[^1].Choice("1"));
        Assert.Equal($"Usulan: {Well}\nBidang: Pembangunan\nLokasi: Jorong Koto\nBiaya: Rp 45.000.000\nManfaat: 30 ibu dan 50 anak\nPrioritas: 1. Simpan?", confirm[^1].Text);
        Assert.Equal($"Usulan {Well} tersimpan untuk kelompok Melati.", (await bot.ChooseAsync("rina", confirm[^1].Choice("Simpan")))[^1].Text);

        // A new first priority pushes the well down to second.
        await PlanningSteps.ProposeAsync(bot, "rina", Sewing, "Pemberdayaan", "12.000.000", "1");

        var list = await bot.SayAsync("siti", "usulan");
        Assert.Equal($"Usulan Melati tahun 2026:\n1. {Sewing} (Pemberdayaan), Rp 12.000.000: diusulkan\n2. {Well} (Pembangunan), Rp 45.000.000: diusulkan", list[^1].Text);
        Assert.Empty(list[^1].Choices);
        Assert.Equal(["Tambah usulan", "Ubah status"], (await bot.SayAsync("fitri", "usulan"))[^1].Choices.Select(c => c.Label));
        Assert.Equal("Maaf, perintah ini hanya untuk pengurus kelompok (ketua, bendahara, sekretaris) atau pendamping.", await bot.TextAsync("siti", "usulan tambah"));

        var rows = await bot.DbAsync(db => db.Proposals.OrderBy(p => p.Id).Select(p => new { p.Title, p.EstimatedCost, p.Year, p.Status, Priority = p.Groups.Single().Priority }).ToListAsync());
        Assert.Equal(
            [
                new { Title = Well, EstimatedCost = 45_000_000L, Year = 2026, Status = ProposalStatus.Proposed, Priority = 2 },
                new { Title = Sewing, EstimatedCost = 12_000_000L, Year = 2026, Status = ProposalStatus.Proposed, Priority = 1 },
            ],
            rows);
    }

    [Fact]
    public async Task A_proposal_goes_from_the_group_to_the_budget_and_is_done_with_every_step_kept()
    {
        await using var bot = await MungoAsync();
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta", "1");
        await PlanningSteps.ProposeAsync(bot, "rina", Sewing, "Pemberdayaan", "12 juta", "2");

        // Discussed needs an event on the village calendar.
        Assert.Equal("Belum ada acara perencanaan tahun ini di jadwal nagari. Minta pendamping menambahkannya (musrenbang tambah). Ketik batal untuk berhenti.",
            (await StatusAsync(bot, Well, "Dibahas"))[^1].Text);
        await bot.SayAsync("rina", "batal");
        var kinds = await bot.SayAsync("fitri", "musrenbang tambah");
        await bot.ChooseAsync("fitri", kinds[^1].Choice("Musrenbang Nagari"));
        await bot.SayAsync("fitri", "10 Desember");
        await bot.SayAsync("fitri", "09.00");
        var saveEvent = await bot.SayAsync("fitri", "Kantor Wali Nagari");
        await bot.ChooseAsync("fitri", saveEvent[^1].Choice("Simpan"));

        var which = await bot.SayAsync("rina", "usulan status");
        Assert.Equal("Usulan mana?", which[^1].Text);
        var status = await bot.ChooseAsync("rina", which[^1].Choice(Well));
        Assert.Equal($"{Well}: sekarang diusulkan. Apa yang terjadi?", status[^1].Text);
        Assert.Equal(["Dibahas", "Tidak dibahas", "Ditolak", "Tarik usulan"], status[^1].Choices.Select(c => c.Label));
        var events = await bot.ChooseAsync("rina", status[^1].Choice("Dibahas"));
        Assert.Equal("Dibahas di acara mana?", events[^1].Text);
        Assert.Equal($"Usulan {Well}: dibahas. Tersimpan.", (await bot.ChooseAsync("rina", events[^1].Choice("Musrenbang Nagari 10/12")))[^1].Text);

        Assert.Equal($"Usulan {Well}: masuk RKP Nagari. Tersimpan.", (await StatusAsync(bot, Well, "Masuk RKP"))[^1].Text);
        Assert.Equal("Berapa yang dianggarkan di APBNagari? Contoh: 40 juta", (await StatusAsync(bot, Well, "Masuk APBNagari"))[^1].Text);
        Assert.Equal("Anggarannya harus lebih dari 0. Contoh: 40 juta", await bot.TextAsync("rina", "0"));
        Assert.Equal($"Usulan {Well}: masuk APBNagari Rp 40.000.000. Tersimpan.", await bot.TextAsync("rina", "40 juta"));
        Assert.Equal("Kirim satu foto hasil pekerjaannya.", (await StatusAsync(bot, Well, "Terlaksana"))[^1].Text);
        Assert.Equal("Kirim foto hasil pekerjaannya (tombol kamera atau lampiran).", await bot.TextAsync("rina", "sudah selesai"));
        var done = await bot.PostAsync(new { user = "rina", photo = new { name = "sumur.png", caption = "Sumur sudah jadi", data = TinyPng } });
        Assert.Equal($"Usulan {Well}: terlaksana (Rp 40.000.000). Tersimpan.", done[^1].Text);

        var reason = await StatusAsync(bot, Sewing, "Ditolak");
        Assert.Equal("Apa alasannya? Contoh: dana tidak cukup tahun ini", reason[^1].Text);
        await bot.SayAsync("rina", "dana tidak cukup tahun ini");

        Assert.Equal($"Usulan Melati tahun 2026:\n1. {Well} (Pembangunan), Rp 45.000.000: terlaksana (Rp 40.000.000)\n2. {Sewing} (Pemberdayaan), Rp 12.000.000: ditolak: dana tidak cukup tahun ini",
            await bot.TextAsync("siti", "usulan"));
        Assert.Equal("Tidak ada usulan tahun ini yang statusnya bisa diubah.", await bot.TextAsync("rina", "usulan status"));

        var well = await bot.DbAsync(db => db.Proposals.Include(p => p.Changes).SingleAsync(p => p.Title == Well));
        Assert.Equal((ProposalStatus.Done, 40_000_000L), (well.Status, well.BudgetedAmount));
        Assert.NotNull(well.EventId);
        Assert.NotNull(well.PhotoRef);
        Assert.Equal(
            [(null, ProposalStatus.Proposed, null), (ProposalStatus.Proposed, ProposalStatus.Discussed, null), (ProposalStatus.Discussed, ProposalStatus.InWorkPlan, null),
             (ProposalStatus.InWorkPlan, ProposalStatus.InBudget, 40_000_000L), (ProposalStatus.InBudget, ProposalStatus.Done, (long?)null)],
            well.Changes.OrderBy(c => c.Id).Select(c => (c.FromStatus, c.ToStatus, c.Amount)));
        Assert.All(well.Changes, c => Assert.True(c.ByPersonId > 0));
        Assert.Equal("dana tidak cukup tahun ini", await bot.DbAsync(db => db.Proposals.Where(p => p.Title == Sewing).Select(p => p.Reason).SingleAsync()));
    }

    [Fact]
    public async Task Another_village_cannot_read_or_move_melati_proposals()
    {
        await using var bot = await MungoAsync();
        await PlanningSteps.ProposeAsync(bot, "rina", Well, "Pembangunan", "45 juta", "1");
        await Scenario.CreateGroupAsync(bot, village: "Ampalu", group: "Mawar");
        var mawar = Scenario.Codes(await bot.TextAsync("admin", "kode Mawar"));
        await Scenario.JoinAsync(bot, "ida", mawar.Leader, "Ida");
        var melatiId = await bot.DbAsync(db => db.Groups.Where(g => g.Name == "Melati").Select(g => g.Id).SingleAsync());

        Assert.Equal("Kelompok Mawar belum punya usulan tahun 2026. Catat usulan: ketik usulan tambah", await bot.TextAsync("ida", "usulan"));
        Assert.DoesNotContain(Well, await bot.TextAsync("ida", $"usulan #{melatiId}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Well, await bot.TextAsync("ida", $"usulan status #{melatiId}"), StringComparison.Ordinal);
        Assert.Equal(ProposalStatus.Proposed, await bot.DbAsync(db => db.Proposals.Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public void The_status_moves_only_along_the_planning_path()
    {
        var now = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);
        var p = Proposal.Create(1, 1, 1, 2026, Well, ProposalField.Development, "Jorong Koto", 45_000_000, "30 ibu", 7, now);
        Assert.Throws<InvalidOperationException>(() => p.Budget(40_000_000, 7, now));
        Assert.Throws<InvalidOperationException>(() => p.PutInWorkPlan(7, now));
        Assert.Throws<InvalidOperationException>(() => p.Complete("photo", 7, now));
        p.Edit(7, now, estimatedCost: 50_000_000);
        p.Discuss(3, 7, now);
        Assert.Throws<InvalidOperationException>(() => p.Edit(7, now, title: "Sumur"));
        Assert.Throws<InvalidOperationException>(() => p.Withdraw(7, now));
        p.PutInLongList(7, now);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Budget(0, 7, now));
        p.Budget(30_000_000, 7, now);
        Assert.Throws<InvalidOperationException>(() => p.CarryToNextYear(7, now));
        Assert.Throws<InvalidOperationException>(() => p.Reject("late", null, 7, now));
        Assert.Equal((ProposalStatus.InBudget, 50_000_000L, 30_000_000L, 3L), (p.Status, p.EstimatedCost, p.BudgetedAmount!.Value, p.EventId!.Value));

        var rejected = Proposal.Create(1, 1, 2, 2026, Sewing, ProposalField.Empowerment, "Jorong Koto", 12_000_000, "20 ibu", 7, now);
        rejected.Reject("dana tidak cukup", 3, 7, now);
        Assert.Empty(rejected.Next);
        var carried = rejected.CarryToNextYear(7, now);
        Assert.Equal((2027, ProposalStatus.Proposed, Sewing, 12_000_000L, 2), (carried.Year, carried.Status, carried.Title, carried.EstimatedCost, carried.Groups.Single().Priority));
        Assert.Equal(ProposalStatus.Rejected, rejected.Status);
    }
}
