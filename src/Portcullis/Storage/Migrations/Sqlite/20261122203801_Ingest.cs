using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InlandMode",
                table: "container_events",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "container_events",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "container_events",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransportReference",
                table: "container_events",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetractedAt",
                table: "consignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "consignments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SourceDocument",
                table: "consignments",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consignment_revisions",
                columns: table => new
                {
                    ConsignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceiptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    ConsignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Categorical = table.Column<string>(type: "TEXT", nullable: false),
                    Numeric = table.Column<string>(type: "TEXT", nullable: false)
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
                    ConsignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Inspected = table.Column<bool>(type: "INTEGER", nullable: false),
                    Hit = table.Column<bool>(type: "INTEGER", nullable: true),
                    SeizedKg = table.Column<double>(type: "REAL", nullable: true),
                    Revenue = table.Column<double>(type: "REAL", nullable: true),
                    KnownAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceiptId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Scope = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceiptId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ingest_keys", x => new { x.Scope, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ingest_receipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    Lines = table.Column<string>(type: "TEXT", nullable: false),
                    Issues = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ingest_receipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stowage_positions",
                columns: table => new
                {
                    MovementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContainerNumber = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PortOfLoading = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    PortOfDischarge = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    ReeferSetpointC = table.Column<double>(type: "REAL", nullable: true),
                    ReceiptId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceiptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Where = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Payload = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Mapping = table.Column<string>(type: "TEXT", nullable: true),
                    QuarantinedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Retries = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRetryAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedByReceiptId = table.Column<Guid>(type: "TEXT", nullable: true)
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
