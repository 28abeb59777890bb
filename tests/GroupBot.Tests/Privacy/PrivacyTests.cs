using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Privacy;

public class PrivacyTests
{
    [Fact]
    public async Task Dataku_shows_what_is_kept_and_why()
    {
        await using var bot = await Scenario.MelatiAsync();
        await bot.SayAsync("rina", "anggota tambah Bu Wati 0812 3456 7890");

        var reply = Assert.Single(await bot.SayAsync("siti", "dataku"));

        Assert.StartsWith("Data Anda di GroupBot:\nNama: Siti\nNomor HP: -\nAkun chat: simulator\nKelompok: Melati (anggota)\nCatatan kehadiran: 0;", reply.Text);
        Assert.Contains("hanya untuk catatan kelompok", reply.Text, StringComparison.Ordinal);
        Assert.Equal("hapus data", reply.Choices[0].Id);
    }

    [Fact]
    public async Task Hapus_data_after_confirmation_removes_name_phone_and_chats_but_keeps_group_figures()
    {
        await using var bot = await Scenario.MelatiAsync();
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(7)));
        await bot.SayAsync("siti", "hadir");

        var ask = await bot.SayAsync("siti", "hapus data");
        var done = await bot.ChooseAsync("siti", ask[0].Choice("Ya, hapus"));
        var after = await bot.TextAsync("siti", "hadir");

        Assert.StartsWith("Hapus nama, nomor, dan akun chat Anda?", ask[0].Text);
        Assert.Equal("Data Anda sudah dihapus. Terima kasih sudah ikut. Ketik mulai kalau ingin bergabung lagi.", done[0].Text);
        Assert.Equal("Maaf, Anda belum terdaftar. Ketik mulai lalu masukkan kode kelompok dari ketua Anda.", after);
        Assert.Equal(0, await bot.DbAsync(db => db.People.CountAsync(p => p.Name == "Siti")));
        Assert.Equal(0, await bot.DbAsync(db => db.ChatIdentities.CountAsync(i => i.Address == "siti")));
        Assert.Equal(1, await bot.DbAsync(db => db.Attendance.CountAsync())); // the meeting's count stays
        Assert.Equal("(data dihapus)", await bot.DbAsync(db => db.People.Where(p => p.DeletedUtc != null).Select(p => p.Name).SingleAsync()));
        var payloads = await bot.DbAsync(db => db.Inbox.Where(e => e.ChatKey == "simulator:siti").OrderBy(e => e.Id).Select(e => e.PayloadJson).ToListAsync());
        Assert.All(payloads.SkipLast(2), p => Assert.Equal("{}", p)); // everything before "hapus data ya"; the last "hadir" came after
        // Her anonymous attendance and membership still count in the group's figures.
        Assert.Equal("Tercatat: Hadir di pertemuan Melati. 2 dari 3 anggota hadir.", await bot.TextAsync("ani", "hadir"));
        Assert.Equal(1, await bot.DbAsync(db => db.Audit.CountAsync(a => a.Action == "delete-personal-data")));
    }
}
