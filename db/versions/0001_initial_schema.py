"""initial schema

Revision ID: 0001
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('annotators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotators')),
    sa.UniqueConstraint('name', name=op.f('uq_annotators_name'))
    )
    op.create_table('attributes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('vals', sa.JSON(), nullable=True),
    sa.Column('labels', sa.JSON(), nullable=True),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attributes')),
    sa.UniqueConstraint('name', name=op.f('uq_attributes_name'))
    )
    op.create_table('concepts',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=400), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('type', sa.String(length=200), nullable=True),
    sa.Column('event', sa.String(length=400), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_concepts')),
    sa.UniqueConstraint('id', name=op.f('uq_concepts_id'))
    )
    op.create_table('doc_label_schemes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('vals', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_doc_label_schemes')),
    sa.UniqueConstraint('name', name=op.f('uq_doc_label_schemes_name'))
    )
    op.create_table('documents',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=400), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=400), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=64), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('event', sa.String(length=400), nullable=True),
    sa.Column('meta', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_documents')),
    sa.UniqueConstraint('id', name=op.f('uq_documents_id'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('ix_documents_event', ['event'], unique=False)

    op.create_table('labels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('grp', sa.String(length=200), nullable=True),
    sa.Column('color', sa.String(length=7), nullable=True),
    sa.Column('hotkey', sa.String(length=4), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labels')),
    sa.UniqueConstraint('name', name=op.f('uq_labels_name'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('document_pk', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['annotators.id'], name=op.f('fk_actions_actor_id_annotators')),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_actions_document_pk_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actions')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index('ix_actions_actor_state', ['actor_id', 'state'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_pk', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=True),
    sa.Column('annotators', sa.JSON(), nullable=True),
    sa.Column('gold_span_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_decisions_document_pk_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['annotators.id'], name=op.f('fk_decisions_reviewer_id_annotators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_document', ['document_pk'], unique=False)

    op.create_table('doc_labels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_pk', sa.Integer(), nullable=False),
    sa.Column('annotator_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'], name=op.f('fk_doc_labels_annotator_id_annotators')),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_doc_labels_document_pk_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_doc_labels')),
    sa.UniqueConstraint('document_pk', 'annotator_id', 'name', name='uq_doc_labels_key'),
    sqlite_autoincrement=True
    )
    op.create_table('document_notes',
    sa.Column('document_pk', sa.Integer(), nullable=False),
    sa.Column('annotator_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'], name=op.f('fk_document_notes_annotator_id_annotators')),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_document_notes_document_pk_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_pk', 'annotator_id', name=op.f('pk_document_notes'))
    )
    op.create_table('gold_doc_labels',
    sa.Column('document_pk', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['decided_by'], ['annotators.id'], name=op.f('fk_gold_doc_labels_decided_by_annotators')),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_gold_doc_labels_document_pk_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_pk', 'name', name=op.f('pk_gold_doc_labels'))
    )
    op.create_table('gold_spans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_pk', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('label_id', sa.Integer(), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=True),
    sa.Column('concept_pk', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=True),
    sa.Column('decided_at', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['concept_pk'], ['concepts.pk'], name=op.f('fk_gold_spans_concept_pk_concepts')),
    sa.ForeignKeyConstraint(['decided_by'], ['annotators.id'], name=op.f('fk_gold_spans_decided_by_annotators')),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_gold_spans_document_pk_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['label_id'], ['labels.id'], name=op.f('fk_gold_spans_label_id_labels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gold_spans')),
    sa.UniqueConstraint('document_pk', 'start', 'end', 'label_id', name='uq_gold_spans_key'),
    sqlite_autoincrement=True
    )
    op.create_table('spans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_pk', sa.Integer(), nullable=False),
    sa.Column('annotator_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('label_id', sa.Integer(), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=True),
    sa.Column('concept_pk', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'], name=op.f('fk_spans_annotator_id_annotators')),
    sa.ForeignKeyConstraint(['concept_pk'], ['concepts.pk'], name=op.f('fk_spans_concept_pk_concepts')),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_spans_document_pk_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['label_id'], ['labels.id'], name=op.f('fk_spans_label_id_labels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spans')),
    sa.UniqueConstraint('document_pk', 'annotator_id', 'start', 'end', 'label_id', name='uq_spans_key'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.create_index('ix_spans_document_annotator', ['document_pk', 'annotator_id'], unique=False)

    op.create_table('statuses',
    sa.Column('document_pk', sa.Integer(), nullable=False),
    sa.Column('annotator_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'], name=op.f('fk_statuses_annotator_id_annotators')),
    sa.ForeignKeyConstraint(['document_pk'], ['documents.pk'], name=op.f('fk_statuses_document_pk_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_pk', 'annotator_id', name=op.f('pk_statuses'))
    )


def downgrade() -> None:
    op.drop_table('statuses')
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.drop_index('ix_spans_document_annotator')

    op.drop_table('spans')
    op.drop_table('gold_spans')
    op.drop_table('gold_doc_labels')
    op.drop_table('document_notes')
    op.drop_table('doc_labels')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_document')

    op.drop_table('decisions')
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index('ix_actions_actor_state')

    op.drop_table('actions')
    op.drop_table('settings')
    op.drop_table('labels')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_event')

    op.drop_table('documents')
    op.drop_table('doc_label_schemes')
    op.drop_table('concepts')
    op.drop_table('attributes')
    op.drop_table('annotators')
