"""Certificates of completion: issuance, PDF, public verification, revocation, recruiters.

Not to be confused with the PCB credential records in credentials.models.records: a certificate
says this program's training track was completed, nothing more.
"""
