using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ingest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "container_events",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InlandMode",
                table: "container_events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "container_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "container_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransportReference",
                table: "container_events",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetractedAt",
                table: "consignments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "consignments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SourceDocument",
                table: "consignments",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consignment_revisions",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    EndedBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceiptId = table.Column<Guid>(type: "uuid", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consignment_revisions", x => new { x.ConsignmentId, x.Revision });
                    table.ForeignKey(
                        name: "FK_consignment_revisions_consignments_ConsignmentId",
                        column: x => x.ConsignmentId,
                        principalTable: "consignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "declaration_features",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Categorical = table.Column<string>(type: "text", nullable: false),
                    Numeric = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_declaration_features", x => x.ConsignmentId);
                    table.ForeignKey(
                        name: "FK_declaration_features_consignments_ConsignmentId",
                        column: x => x.ConsignmentId,
                        principalTable: "consignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "declaration_outcomes",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Inspected = table.Column<bool>(type: "boolean", nullable: false),
                    Hit = table.Column<bool>(type: "boolean", nullable: true),
                    SeizedKg = table.Column<double>(type: "double precision", nullable: true),
                    Revenue = table.Column<double>(type: "double precision", nullable: true),
                    KnownAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceiptId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_declaration_outcomes", x => x.ConsignmentId);
                    table.ForeignKey(
                        name: "FK_declaration_outcomes_consignments_ConsignmentId",
                        column: x => x.ConsignmentId,
                        principalTable: "consignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingest_keys",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceiptId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ingest_keys", x => new { x.Scope, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ingest_receipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: true),
                    Sender = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Accepted = table.Column<int>(type: "integer", nullable: false),
                    Duplicates = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Lines = table.Column<string>(type: "text", nullable: false),
                    Issues = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ingest_receipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stowage_positions",
                columns: table => new
                {
                    MovementId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    Position = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    PortOfLoading = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    PortOfDischarge = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    ReeferSetpointC = table.Column<double>(type: "double precision", nullable: true),
                    ReceiptId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stowage_positions", x => new { x.MovementId, x.ContainerNumber });
                    table.ForeignKey(
                        name: "FK_stowage_positions_transport_movements_MovementId",
                        column: x => x.MovementId,
                        principalTable: "transport_movements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingest_quarantine",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceiptId = table.Column<Guid>(type: "uuid", nullable: false),
                    Format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Where = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: true),
                    Mapping = table.Column<string>(type: "text", nullable: true),
                    QuarantinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Retries = table.Column<int>(type: "integer", nullable: false),
                    LastRetryAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedByReceiptId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ingest_quarantine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ingest_quarantine_ingest_receipts_ReceiptId",
                        column: x => x.ReceiptId,
                        principalTable: "ingest_receipts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_container_events_ExternalId",
                table: "container_events",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_declaration_outcomes_KnownAt",
                table: "declaration_outcomes",
                column: "KnownAt");

            migrationBuilder.CreateIndex(
                name: "IX_ingest_quarantine_ReceiptId",
                table: "ingest_quarantine",
                column: "ReceiptId");

            migrationBuilder.CreateIndex(
                name: "IX_ingest_quarantine_Status_QuarantinedAt",
                table: "ingest_quarantine",
                columns: new[] { "Status", "QuarantinedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ingest_receipts_OrganisationId_ReceivedAt",
                table: "ingest_receipts",
                columns: new[] { "OrganisationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ingest_receipts_ReceivedAt",
                table: "ingest_receipts",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consignment_revisions");

            migrationBuilder.DropTable(
                name: "declaration_features");

            migrationBuilder.DropTable(
                name: "declaration_outcomes");

            migrationBuilder.DropTable(
                name: "ingest_keys");

            migrationBuilder.DropTable(
                name: "ingest_quarantine");

            migrationBuilder.DropTable(
                name: "stowage_positions");

            migrationBuilder.DropTable(
                name: "ingest_receipts");

            migrationBuilder.DropIndex(
                name: "IX_container_events_ExternalId",
                table: "container_events");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "container_events");

            migrationBuilder.DropColumn(
                name: "InlandMode",
                table: "container_events");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "container_events");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "container_events");

            migrationBuilder.DropColumn(
                name: "TransportReference",
                table: "container_events");

            migrationBuilder.DropColumn(
                name: "RetractedAt",
                table: "consignments");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "consignments");

            migrationBuilder.DropColumn(
                name: "SourceDocument",
                table: "consignments");
        }
    }
}
