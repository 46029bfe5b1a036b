using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedAt",
                table: "api_tokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "api_tokens",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedAt",
                table: "accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "accounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "accounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedSignIns",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TotpLastStep",
                table: "accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TotpSecret",
                table: "accounts",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            // Accounts and tokens made before four-eyes approval existed keep working: they were
            // in use already; their ApprovedBy says how they came to be approved.
            migrationBuilder.Sql("UPDATE accounts SET \"ApprovedBy\" = 'upgrade: made before four-eyes approval', \"ApprovedAt\" = \"CreatedAt\"");
            migrationBuilder.Sql("UPDATE api_tokens SET \"ApprovedBy\" = 'upgrade: made before four-eyes approval', \"ApprovedAt\" = \"CreatedAt\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "FailedSignIns",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "TotpLastStep",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "TotpSecret",
                table: "accounts");
        }
    }
}
