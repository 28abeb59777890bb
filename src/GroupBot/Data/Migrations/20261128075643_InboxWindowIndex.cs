using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GroupBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboxWindowIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Inbox_ChatKey_ReceivedUtc",
                table: "Inbox",
                columns: new[] { "ChatKey", "ReceivedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Inbox_ChatKey_ReceivedUtc",
                table: "Inbox");
        }
    }
}
