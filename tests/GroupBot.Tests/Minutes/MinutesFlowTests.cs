using System.Text.Json;
using GroupBot.Minutes;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Minutes;

public class MinutesFlowTests
{
    /// <summary>The smallest valid PNG (1×1), as the page would upload it.</summary>
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    private static async Task<BotHost> MelatiAfterMeetingAsync()
    {
        var bot = await Scenario.MelatiAsync();
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 14, 0, 0, TimeSpan.FromHours(7)));
        await bot.SayAsync("siti", "hadir");
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.FromHours(7)));
        return bot;
    }

    [Fact]
    public async Task Minutes_take_long_text_in_several_messages_a_photo_and_fill_in_attendance()
    {
        await using var bot = await MelatiAfterMeetingAsync();

        var picker = await bot.SayAsync("rina", "notulen");
        await bot.ChooseAsync("rina", picker[0].Choices[0].Id);
        Assert.Equal("Dicatat. Tambah lagi, atau tekan Selesai.", await bot.TextAsync("rina", "Membahas jadwal simpan pinjam."));
        await bot.SayAsync("rina", "Membahas rencana usaha kerupuk.");
        var decisions = await bot.ChooseAsync("rina", "minutes:done");
        Assert.Equal("Apa keputusan pertemuan? Tekan Selesai kalau sudah.", decisions[0].Text);
        await bot.SayAsync("rina", "Iuran naik jadi 10rb.");
        await bot.SayAsync("rina", "selesai");
        await bot.SayAsync("rina", "lewati");
        var photos = await bot.SayAsync("rina", "Jumat depan");
        Assert.StartsWith("Kirim foto", photos[0].Text);
        var received = await bot.PostAsync(new { user = "rina", photo = new { name = "daftar-hadir.png", caption = "Daftar hadir", data = TinyPng } });
        Assert.Equal("Foto diterima (1). Kirim lagi, atau tekan Selesai.", received[0].Text);
        var summary = await bot.ChooseAsync("rina", "minutes:done");

        Assert.Equal(
            "Notulen Melati, Jumat, 4 Desember 2026:\nHadir: 1 dari 3 anggota\nPembahasan: Membahas jadwal simpan pinjam.\nMembahas rencana usaha kerupuk.\n"
            + "Keputusan: Iuran naik jadi 10rb.\nTindak lanjut: -\nPertemuan berikutnya: Jumat, 11 Desember 2026\nFoto: 1",
            summary[0].Text);
        var saved = await bot.ChooseAsync("rina", summary[0].Choice("Simpan"));
        Assert.Equal("Notulen Melati untuk Jumat, 4 Desember 2026 sudah disimpan. Terima kasih!", saved[0].Text);

        var minutes = await bot.DbAsync(db => db.Minutes.SingleAsync());
        Assert.Equal((1, 3, 1, new DateOnly(2026, 12, 11)), (minutes.Present, minutes.Members, minutes.Version, minutes.NextMeetingDate!.Value));
        var photo = Assert.Single(JsonSerializer.Deserialize<List<MinutesPhoto>>(minutes.PhotosJson)!);
        Assert.Equal("Daftar hadir", photo.Caption);
        Assert.StartsWith("simulator-file:", photo.File, StringComparison.Ordinal);
        var stored = Path.Combine(bot.Folder, "simulator-files", photo.File["simulator-file:".Length..]);
        Assert.Equal(Convert.FromBase64String(TinyPng), await File.ReadAllBytesAsync(stored, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_correction_of_minutes_is_a_new_version()
    {
        await using var bot = await MelatiAfterMeetingAsync();
        await bot.SayAsync("rina", "notulen");
        await bot.SayAsync("rina", "hari ini");
        await bot.SayAsync("rina", "Jadwal.");
        await bot.SayAsync("rina", "selesai");
        await bot.SayAsync("rina", "Tidak ada keputusan.");
        await bot.SayAsync("rina", "selesai");
        await bot.SayAsync("rina", "lewati");
        await bot.SayAsync("rina", "lewati");
        await bot.SayAsync("rina", "lewati");
        await bot.SayAsync("rina", "simpan");

        await bot.SayAsync("rina", "notulen");
        var existing = await bot.SayAsync("rina", "hari ini");
        var pick = await bot.ChooseAsync("rina", existing[^1].Choice("Ubah"));
        await bot.ChooseAsync("rina", pick[0].Choice("Keputusan"));
        await bot.SayAsync("rina", "Iuran naik.");
        var summary = await bot.SayAsync("rina", "selesai");
        var saved = await bot.ChooseAsync("rina", summary[0].Choice("Simpan"));

        Assert.StartsWith("Sudah ada notulen versi 1", existing[0].Text);
        Assert.Contains("Pembahasan: Jadwal.", summary[0].Text);
        Assert.Equal("Perbaikan notulen Melati untuk Jumat, 4 Desember 2026 disimpan sebagai versi 2.", saved[0].Text);
        var versions = await bot.DbAsync(db => db.Minutes.OrderBy(m => m.Version).Select(m => m.Decisions).ToListAsync());
        Assert.Equal(["Tidak ada keputusan.", "Iuran naik."], versions);
    }

    [Fact]
    public async Task Any_member_sees_the_latest_report_and_minutes_and_a_member_cannot_write_minutes()
    {
        await using var bot = await MelatiAfterMeetingAsync();
        await bot.SayAsync("rina", "lapor");
        await bot.SayAsync("rina", "hari ini");
        foreach (var answer in new[] { "250rb", "0", "0", "0", "0", "2 juta", "1", "simpan" })
        {
            await bot.SayAsync("rina", answer);
        }

        await bot.SayAsync("rina", "notulen");
        foreach (var answer in new[] { "hari ini", "Jadwal.", "selesai", "Iuran naik.", "selesai", "lewati", "lewati", "lewati", "simpan" })
        {
            await bot.SayAsync("rina", answer);
        }

        var last = await bot.TextAsync("ani", "laporan terakhir");
        var refused = await bot.TextAsync("siti", "notulen");

        Assert.StartsWith("Laporan Melati, Jumat, 4 Desember 2026:\nSimpanan: Rp 250.000", last);
        Assert.Contains("Notulen terakhir (Jumat, 4 Desember 2026):\nHadir: 1 dari 3 anggota\nPembahasan: Jadwal.\nKeputusan: Iuran naik.", last);
        Assert.Equal("Maaf, notulen hanya bisa ditulis oleh ketua atau sekretaris kelompok (atau pendamping).", refused);
    }

    [Fact]
    public async Task A_photo_sent_as_an_amount_is_refused_and_an_upload_that_is_not_an_image_is_rejected()
    {
        await using var bot = await MelatiAfterMeetingAsync();
        await bot.SayAsync("rina", "lapor");
        await bot.SayAsync("rina", "hari ini");

        var reply = await bot.PostAsync(new { user = "rina", photo = new { name = "x.png", data = TinyPng } });
        using var bad = await bot.Http.PostAsync("/simulator/messages",
            new StringContent("{\"user\":\"rina\",\"photo\":{\"name\":\"x.exe\",\"data\":\"AAAA\"}}", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal("Jumlah uang tidak terbaca. Contoh: 50.000 atau 50rb atau 1,5 juta", Assert.Single(reply).Text);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
