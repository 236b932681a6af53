"""Citizen surveys: definitions, answers, results, free-text review, visit links, the voucher raffle."""
