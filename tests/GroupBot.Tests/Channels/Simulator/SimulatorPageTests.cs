using GroupBot.Tests.Support;
using Microsoft.Playwright;

namespace GroupBot.Tests.Channels.Simulator;

/// <summary>The simulator page in a real headless Chromium (Debian's, installed by .ci/run).</summary>
public sealed class SimulatorPageTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_page_sends_bantuan_and_shows_the_menu_with_buttons()
    {
        if (!File.Exists(Chromium))
        {
            // CI installs Chromium, so a missing browser there is a failure, not a skip.
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{Chromium} is missing; .ci/run should install Debian's chromium");
            Assert.Skip($"{Chromium} is not installed (apt-get install chromium)");
        }

        await using var bot = await BotHost.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(bot.Http.BaseAddress!.ToString());

        await page.FillAsync("#user", "admin");
        await page.DispatchEventAsync("#user", "change");
        await page.FillAsync("#text", "bantuan");
        await page.ClickAsync("form button[type=submit]");
        var menu = page.Locator(".msg.bot").Last;
        await menu.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

        Assert.StartsWith("Menu (ketik salah satu):", await menu.InnerTextAsync());
        Assert.Contains("kelompok baru", await menu.InnerTextAsync());
        Assert.Equal("bantuan", await page.Locator(".msg.me").Last.InnerTextAsync());

        // A stranger sees buttons, and pressing one sends its choice.
        await page.FillAsync("#user", "tamu");
        await page.DispatchEventAsync("#user", "change");
        await page.FillAsync("#text", "bantuan");
        await page.ClickAsync("form button[type=submit]");
        await page.Locator(".choices button", new PageLocatorOptions { HasText = "Mulai" }).ClickAsync();
        await page.Locator(".msg.bot", new PageLocatorOptions { HasText = "Pilih bahasa" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
    }
}
