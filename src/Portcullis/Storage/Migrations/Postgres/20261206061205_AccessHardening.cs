using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "api_tokens",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "api_tokens",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedAt",
                table: "accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "accounts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "accounts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedSignIns",
                table: "accounts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TotpLastStep",
                table: "accounts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TotpSecret",
                table: "accounts",
                type: "character varying(400)",
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
