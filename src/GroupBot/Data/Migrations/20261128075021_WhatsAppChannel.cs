using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GroupBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class WhatsAppChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChannelStatus",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ChannelStatusUtc",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UseTemplate",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChannelStatus",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ChannelStatusUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "UseTemplate",
                table: "Outbox");
        }
    }
}
