using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GroupBot.Channels.Simulator;
using GroupBot.Tests.Support;

namespace GroupBot.Tests.Channels.Simulator;

/// <summary>POST /simulator/messages refuses what is not a simulator message, before anything is stored.</summary>
public sealed class SimulatorApiTests
{
    private static readonly string LongId = new('x', 101);

    private static async Task<HttpResponseMessage> PostAsync(BotHost bot, HttpContent content) =>
        await bot.Http.PostAsync("/simulator/messages", content, TestContext.Current.CancellationToken);

    private static async Task AssertNothingStoredAsync(BotHost bot, RowCounts before)
    {
        Assert.Equal(before, await bot.RowCountsAsync());
        Assert.False(Directory.Exists(Path.Combine(bot.Folder, SimulatorChannel.FilesFolder)) && Directory.EnumerateFiles(Path.Combine(bot.Folder, SimulatorChannel.FilesFolder)).Any());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"hadir\"")]
    [InlineData("""{"user":5,"text":"hadir"}""")]
    [InlineData("""{"user":"siti","text":["hadir"]}""")]
    [InlineData("""{"user":"siti","text":"\ud800"}""")] // a lone surrogate, escaped: not a string JSON can carry
    [InlineData("""{"user":"siti"}""")]
    [InlineData("""{"text":"hadir"}""")]
    [InlineData("""{"user":"","text":"hadir"}""")]
    [InlineData("""{"user":"siti ani","text":"hadir"}""")]
    [InlineData("""{"user":"../../etc","text":"hadir"}""")]
    [InlineData("""{"user":"siti","photo":{"name":"virus.exe","data":"iVBORw0KGgo="}}""")]
    [InlineData("""{"user":"siti","photo":{"name":"buku.png","data":"not base64!"}}""")]
    [InlineData("""{"user":"siti","photo":{"name":"buku.png"}}""")]
    [InlineData("""{"user":"siti","photo":"buku.png"}""")]
    public async Task Malformed_messages_get_400_and_store_nothing(string body)
    {
        await using var bot = await BotHost.StartAsync();
        var before = await bot.RowCountsAsync();

        using var response = await PostAsync(bot, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(bot, before);
    }

    [Fact]
    public async Task An_id_or_a_choice_longer_than_a_channel_sends_gets_400()
    {
        await using var bot = await BotHost.StartAsync();
        var before = await bot.RowCountsAsync();

        using var longId = await PostAsync(bot, new StringContent($$"""{"user":"siti","text":"hadir","id":"{{LongId}}"}""", Encoding.UTF8, "application/json"));
        using var longChoice = await PostAsync(bot, new StringContent($$"""{"user":"siti","choice":"{{new string('x', 257)}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (longId.StatusCode, longChoice.StatusCode));
        await AssertNothingStoredAsync(bot, before);
    }

    [Theory]
    [InlineData("""{"user":"siti","text":"hadir"}""", "text/plain")]
    [InlineData("""{"user":"siti","text":"hadir"}""", "application/x-www-form-urlencoded")]
    [InlineData("user=siti&text=hadir", "application/x-www-form-urlencoded")]
    [InlineData("""{"user":"siti","text":"hadir"}""", "multipart/form-data")]
    [InlineData("""{"user":"siti","text":"hadir"}""", "application/xml")]
    public async Task A_wrong_content_type_gets_415_and_stores_nothing(string body, string contentType)
    {
        await using var bot = await BotHost.StartAsync();
        var before = await bot.RowCountsAsync();

        using var response = await PostAsync(bot, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingStoredAsync(bot, before);
    }

    [Fact]
    public async Task No_content_type_gets_415_and_stores_nothing()
    {
        await using var bot = await BotHost.StartAsync();
        var before = await bot.RowCountsAsync();

        using var response = await PostAsync(bot, new ByteArrayContent("""{"user":"siti","text":"hadir"}"""u8.ToArray()));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingStoredAsync(bot, before);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // chunked: no Content-Length, so only the read itself can stop it
    public async Task A_body_over_the_limit_gets_413_and_stores_nothing(bool chunked)
    {
        await using var bot = await BotHost.StartAsync();
        var before = await bot.RowCountsAsync();
        var text = new string('x', (int)SimulatorChannel.MaxBodyBytes);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"user":"siti","text":"{{text}}"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/simulator/messages") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        // The server refuses before reading; without 100-continue the client would still be uploading
        // when the connection closes, and see a broken pipe instead of the 413.
        request.Headers.ExpectContinue = !chunked;

        using var response = await bot.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingStoredAsync(bot, before);
    }

    [Fact]
    public async Task A_photo_of_the_largest_size_accepted_still_fits_under_the_limit()
    {
        await using var bot = await BotHost.StartAsync();
        var png = new byte[SimulatorChannel.MaxPhotoBytes];

        var replies = await bot.PostAsync(new { user = "siti", photo = new { name = "buku-kas.png", caption = new string('c', 1000), data = Convert.ToBase64String(png) } });

        Assert.Single(replies);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(bot.Folder, SimulatorChannel.FilesFolder)));
    }
}
