using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartyEntities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "party_entities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    PartyCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_entities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "party_entity_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PartyIds = table.Column<string>(type: "text", nullable: false),
                    OtherPartyIds = table.Column<string>(type: "text", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_entity_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "party_entity_links",
                columns: table => new
                {
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    LinkedTo = table.Column<Guid>(type: "uuid", nullable: true),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_entity_links", x => x.PartyId);
                });

            migrationBuilder.CreateTable(
                name: "party_resolution_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RunBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Parties = table.Column<int>(type: "integer", nullable: false),
                    Entities = table.Column<int>(type: "integer", nullable: false),
                    LinkedParties = table.Column<int>(type: "integer", nullable: false),
                    ComparedPairs = table.Column<long>(type: "bigint", nullable: false),
                    Decisions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_party_resolution_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_party_entity_links_EntityId",
                table: "party_entity_links",
                column: "EntityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "party_entities");

            migrationBuilder.DropTable(
                name: "party_entity_decisions");

            migrationBuilder.DropTable(
                name: "party_entity_links");

            migrationBuilder.DropTable(
                name: "party_resolution_runs");
        }
    }
}
